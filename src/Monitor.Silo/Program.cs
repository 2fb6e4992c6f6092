using Monitor.Hosting.Cli;

return await SiloCommandLine.RunAsync(args);
