Console.WriteLine("Monitor");
