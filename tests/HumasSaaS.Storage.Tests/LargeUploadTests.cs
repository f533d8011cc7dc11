using System.Security.Cryptography;
using Xunit.Abstractions;

namespace HumasSaaS.Storage.Tests;

[CollectionDefinition(nameof(NotParallel), DisableParallelization = true)]
public class NotParallel;

/// <summary>Runs alone so that the process-wide allocation counter only sees this upload.</summary>
[Collection(nameof(NotParallel))]
public class LargeUploadTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Upload_of_200_MB_streams_with_flat_memory()
    {
        const long size = 200L * 1024 * 1024;
        await using var s = new StoreScope(); // default 4 MiB blocks
        var container = await s.NewContainerAsync();
        var expectedSha = Convert.ToHexStringLower(await SHA256.HashDataAsync(new GeneratedStream(size)));

        GC.Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var result = await s.Store.UploadAsync(container, "big.bin", new GeneratedStream(size), Data.PngOnly());
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        output.WriteLine($"200 MB upload allocated {allocated / 1024.0 / 1024:F1} MB in total");

        Assert.Equal(size, result.Length);
        Assert.Equal(expectedSha, result.Sha256Hex);
        Assert.Equal(50, s.Handler.Count("comp=block&"));
        // At most five pooled 4 MiB buffers (four blocks being staged, one being read) plus per-request overhead;
        // buffering the file would allocate 200+ MB.
        Assert.True(allocated < 40L * 1024 * 1024, $"upload allocated {allocated / 1024 / 1024} MB");

        await using var download = await s.Store.GetAsync(container, "big.bin");
        Assert.NotNull(download);
        Assert.Equal(size, download.Length);
        Assert.Equal(expectedSha, Convert.ToHexStringLower(await SHA256.HashDataAsync(download.Content)));
    }
}
