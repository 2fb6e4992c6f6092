using Monitor.Silo.Cli;

return await SiloCommandLine.RunAsync(args);
