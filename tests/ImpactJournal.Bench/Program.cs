using ImpactJournal.Bench;

// Benchmarks against a running service and the PostgreSQL it uses, each beside a raw-PostgreSQL
// baseline measured in the same run. Started by ops/bench, which also starts the service.
var options = BenchOptions.Parse(args);
var report = new Report(options);

switch (options.Suite)
{
    case "observations":
        await ObservationsBench.RunAsync(options, report);
        break;
    case "maps":
        await MapsBench.RunAsync(options, report);
        break;
    case "board":
        await MapsBench.BoardAsync(options, report);
        break;
    case "insights":
        await InsightsBench.RunAsync(options, report);
        break;
    case "web":
        await WebBench.RunAsync(options, report);
        break;
    case "scale":
        await ScaleBench.RunAsync(options, report);
        break;
    case "relational":
        await RelationalBench.RunAsync(options, report);
        break;
    case "exports":
        await ExportsBench.RunAsync(options, report);
        break;
    case "patterns":
        await PatternsBench.RunAsync(options, report);
        break;
    case "commons":
        await CommonsBench.RunAsync(options, report);
        break;
    default:
        Console.Error.WriteLine($"Unknown suite '{options.Suite}'. Known: observations, maps, board, insights, web, scale, relational, exports, patterns, commons");
        return 2;
}

report.Print();
return 0;
