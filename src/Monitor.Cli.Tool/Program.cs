using Monitor.Cli;

return await MonitorCommandLine.RunAsync(args, CliEnvironment.FromProcess());
