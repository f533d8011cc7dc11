using System.Diagnostics;

namespace HumasSaaS.Benchmarks;

/// <summary>Latency samples of one scenario and the figures printed for it.</summary>
public sealed class LatencySamples
{
    private readonly List<double> milliseconds = [];
    private readonly Lock gate = new();

    public void Add(TimeSpan elapsed)
    {
        lock (gate) milliseconds.Add(elapsed.TotalMilliseconds);
    }

    public int Count => milliseconds.Count;

    public double Percentile(double p)
    {
        lock (gate)
        {
            if (milliseconds.Count == 0) return double.NaN;
            var sorted = milliseconds.Order().ToArray();
            var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length) - 1;
            return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
        }
    }

    /// <summary>Runs <paramref name="total"/> operations with at most <paramref name="concurrency"/> in flight.</summary>
    public static async Task<(LatencySamples Samples, TimeSpan Wall, int Failures)> RunAsync(int total, int concurrency, Func<int, Task<bool>> operation)
    {
        var samples = new LatencySamples();
        var failures = 0;
        var next = -1;
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < total)
            {
                var sw = Stopwatch.StartNew();
                var ok = await operation(i);
                samples.Add(sw.Elapsed);
                if (!ok) Interlocked.Increment(ref failures);
            }
        }));
        return (samples, wall.Elapsed, failures);
    }
}

/// <summary>Samples a process's resident memory while an operation runs; reports the peak.</summary>
public sealed class PeakMemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    public PeakMemorySampler(Func<long> read)
    {
        Baseline = read();
        Peak = Baseline;
        loop = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                Peak = Math.Max(Peak, read());
                try { await Task.Delay(20, stop.Token); } catch (OperationCanceledException) { }
            }
        });
    }

    public long Baseline { get; }
    public long Peak { get; private set; }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
    }
}

/// <summary>The table the program prints.</summary>
public sealed class ResultTable
{
    private readonly List<string[]> rows = [];

    public void Add(string scenario, string metric, string value, string note = "") => rows.Add([scenario, metric, value, note]);

    public void Print(TextWriter output)
    {
        string[] header = ["scenario", "metric", "value", "note"];
        var widths = Enumerable.Range(0, 4).Select(c => rows.Select(r => r[c].Length).Append(header[c].Length).Max()).ToArray();
        string Line(string[] r) => "| " + string.Join(" | ", r.Select((v, c) => v.PadRight(widths[c]))) + " |";
        output.WriteLine(Line(header));
        output.WriteLine("|" + string.Join("|", widths.Select(w => new string('-', w + 2))) + "|");
        foreach (var r in rows) output.WriteLine(Line(r));
    }
}

/// <summary>
/// A deterministic, well-formed PDF of exactly the requested length produced on the fly (one stream object holds the
/// filler), so a 200 MB body never sits in memory and passes the upload's hostile-file checks like a real scan would.
/// </summary>
public sealed class GeneratedPdfStream : Stream
{
    private static readonly byte[] Suffix = "\nendstream\nendobj\ntrailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n0\n%%EOF\n"u8.ToArray();
    private readonly long length;
    private readonly byte[] prefix;
    private long position;

    public GeneratedPdfStream(long length)
    {
        this.length = length;
        var head = "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n3 0 obj\n<< /Length ";
        // The stream's /Length is written with a fixed width, so the prefix length does not depend on it.
        var filler = length - (head.Length + 10 + " >>\nstream\n".Length) - Suffix.Length;
        if (filler < 0) throw new ArgumentOutOfRangeException(nameof(length), "too short for a PDF");
        prefix = System.Text.Encoding.Latin1.GetBytes($"{head}{filler:D10} >>\nstream\n");
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = (int)Math.Min(buffer.Length, length - position);
        var suffixStart = length - Suffix.Length;
        for (var i = 0; i < n; i++)
        {
            var p = position + i;
            buffer[i] = p < prefix.Length ? prefix[p] : p >= suffixStart ? Suffix[p - suffixStart] : (byte)((p * 2654435761L) >> 13);
        }
        position += n;
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(Read(buffer.Span));
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offset, count));

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => length;
    public override long Position { get => position; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
