using Monitor.Evaluation.Cli;

return EvaluationCommand.Run(args, Console.Out, Console.Error);
