Console.WriteLine("eval");
