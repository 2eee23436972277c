Console.WriteLine("bot");
