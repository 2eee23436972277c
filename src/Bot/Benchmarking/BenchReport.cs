namespace Bot.Benchmarking;

/// <summary>The figures of one <c>bench</c> run; serialised with snake_case names (index_ms, query_p50_us …).</summary>
internal sealed record BenchReport(
    long Bytes,
    int Passages,
    double IndexMs,
    double QueryP50Us,
    double QueryP99Us,
    double Qps,
    double QpsAllCores,
    double ColdStartMs,
    double PeakRssMb);
