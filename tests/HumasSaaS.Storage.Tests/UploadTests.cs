using System.Net;

namespace HumasSaaS.Storage.Tests;

public class UploadTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(64 * 1024)]            // exactly one block
    [InlineData(2 * 64 * 1024)]        // exact multiple: the last read returns 0
    [InlineData(300_001)]              // several blocks plus a partial one
    public async Task Upload_multi_block_round_trips_bytes_and_sha256(int length)
    {
        await using var s = new StoreScope(blockSize: 64 * 1024);
        var container = await s.NewContainerAsync();
        var data = length == 1 ? [0x42] : Data.Png(length);
        var options = new BlobUploadOptions { DetectContentType = _ => "application/x-test" };

        var result = await s.Store.UploadAsync(container, "dir/file.bin", new TrickleStream(data), options);

        Assert.Equal(length, result.Length);
        Assert.Equal(Data.Sha256Hex(data), result.Sha256Hex);
        Assert.Equal("application/x-test", result.ContentType);
        // Content shorter than one block goes as one Put Blob; longer content as blocks and one commit.
        var single = length < 64 * 1024;
        Assert.Equal(single ? 0 : (length + 64 * 1024 - 1) / (64 * 1024), s.Handler.Count("comp=block&"));
        Assert.Equal(single ? 0 : 1, s.Handler.Count("comp=blocklist"));
        Assert.Equal(single ? 1 : 0, s.Handler.Requests.Count(r => r.Method == HttpMethod.Put && r.Uri.AbsolutePath.EndsWith("/dir/file.bin") && r.Uri.Query.Length == 0));

        await using var download = await s.Store.GetAsync(container, "dir/file.bin");
        Assert.NotNull(download);
        Assert.Equal("application/x-test", download.ContentType);
        Assert.Equal(length, download.Length);
        using var ms = new MemoryStream();
        await download.Content.CopyToAsync(ms);
        Assert.Equal(data, ms.ToArray());
        Assert.Equal(result.Sha256Hex, Data.Sha256Hex(ms.ToArray()));
    }

    [Fact]
    public async Task Detection_gets_the_head_and_its_type_is_stored()
    {
        await using var s = new StoreScope(blockSize: 64 * 1024);
        var container = await s.NewContainerAsync();
        var data = Data.Png(200_000);
        byte[]? seen = null;
        var options = new BlobUploadOptions
        {
            HeadLength = 100,
            DetectContentType = head => { seen = head.ToArray(); return Data.DetectPng(head); },
        };

        var result = await s.Store.UploadAsync(container, "a.png", new TrickleStream(data, maxChunk: 3), options);

        Assert.Equal(data.AsSpan(0, 100).ToArray(), seen);
        Assert.Equal("image/png", result.ContentType);
        var item = Assert.Single(await s.ListAllAsync(container));
        Assert.Equal("image/png", item.ContentType);
    }

    [Fact]
    public async Task Head_shorter_than_HeadLength_is_passed_whole()
    {
        await using var s = new StoreScope();
        var container = await s.NewContainerAsync();
        int? seenLength = null;
        var options = new BlobUploadOptions { HeadLength = 16, DetectContentType = h => { seenLength = h.Length; return "text/plain"; } };

        await s.Store.UploadAsync(container, "tiny.txt", new MemoryStream([1, 2, 3]), options);

        Assert.Equal(3, seenLength);
    }

    [Fact]
    public async Task HeadLength_larger_than_block_is_detected_before_any_block()
    {
        await using var s = new StoreScope(blockSize: 1024);
        var container = await s.NewContainerAsync();
        var data = Data.Png(10_000);
        int? seenLength = null;
        var options = new BlobUploadOptions { HeadLength = 4096, DetectContentType = h => { seenLength = h.Length; return null; } };

        await Assert.ThrowsAsync<BlobContentRejectedException>(() => s.Store.UploadAsync(container, "x", new TrickleStream(data), options));

        Assert.Equal(4096, seenLength);
        Assert.Equal(0, s.Handler.Count("comp=block"));
    }

    [Fact]
    public async Task Rejected_content_sends_no_block_and_leaves_no_blob()
    {
        await using var s = new StoreScope(blockSize: 64 * 1024);
        var container = await s.NewContainerAsync();
        var data = Data.Random(300_000);
        data[0] = 0; // not a PNG

        var e = await Assert.ThrowsAsync<BlobContentRejectedException>(
            () => s.Store.UploadAsync(container, "evil.png", new TrickleStream(data), Data.PngOnly()));

        Assert.Equal("unrecognized content type", e.Reason);
        Assert.Null(e.StatusCode);
        Assert.Equal(0, s.Handler.Count("comp=block"));
        Assert.DoesNotContain(s.Handler.Requests, r => r.Method == HttpMethod.Put && r.Uri.AbsolutePath.EndsWith("/evil.png"));
        Assert.Null(await s.Store.GetAsync(container, "evil.png"));
        Assert.Empty(await s.ListAllAsync(container));
    }

    [Fact]
    public async Task Empty_content_is_rejected()
    {
        await using var s = new StoreScope();
        var container = await s.NewContainerAsync();

        var e = await Assert.ThrowsAsync<BlobContentRejectedException>(
            () => s.Store.UploadAsync(container, "empty.png", new MemoryStream(), Data.PngOnly()));

        Assert.Equal("empty", e.Reason);
        Assert.Null(await s.Store.GetAsync(container, "empty.png"));
    }

    [Fact]
    public async Task Too_large_throws_as_soon_as_the_limit_is_passed_and_leaves_no_blob()
    {
        await using var s = new StoreScope(blockSize: 64 * 1024);
        var container = await s.NewContainerAsync();
        var data = Data.Png(1_000_000);
        var stream = new TrickleStream(data, maxChunk: 1000);

        var e = await Assert.ThrowsAsync<BlobTooLargeException>(
            () => s.Store.UploadAsync(container, "big.png", stream, Data.PngOnly(maxBytes: 200_000)));

        Assert.Equal(200_000, e.MaxBytes);
        Assert.InRange(stream.BytesRead, 200_001, 201_000); // stopped at the first read past the limit
        Assert.Equal(0, s.Handler.Count("comp=blocklist"));
        Assert.Null(await s.Store.GetAsync(container, "big.png"));
        Assert.Empty(await s.ListAllAsync(container));
    }

    [Fact]
    public async Task Content_of_exactly_MaxBytes_is_accepted()
    {
        await using var s = new StoreScope(blockSize: 64 * 1024);
        var container = await s.NewContainerAsync();
        var data = Data.Png(128 * 1024);

        var result = await s.Store.UploadAsync(container, "edge.png", new TrickleStream(data), Data.PngOnly(maxBytes: data.Length));

        Assert.Equal(data.Length, result.Length);
    }

    [Fact]
    public async Task IfNoneMatchAny_never_overwrites_an_existing_blob()
    {
        await using var s = new StoreScope(blockSize: 64 * 1024);
        var container = await s.NewContainerAsync();
        var original = Data.Png(100_000);
        await s.Store.UploadAsync(container, "once.png", new MemoryStream(original), Data.PngOnly(ifNoneMatchAny: true));

        var e = await Assert.ThrowsAsync<BlobAlreadyExistsException>(() =>
            s.Store.UploadAsync(container, "once.png", new MemoryStream(Data.Png(150_000)), Data.PngOnly(ifNoneMatchAny: true)));

        Assert.NotNull(e.StatusCode);
        Assert.Equal(original, await s.ReadAllAsync(container, "once.png"));
    }

    [Fact]
    public async Task IfNoneMatchAny_commit_loses_a_race_without_overwriting()
    {
        await using var s = new StoreScope(blockSize: 64 * 1024);
        var container = await s.NewContainerAsync();
        var winner = Data.Png(10_000);
        // The competing blob appears after the pre-check, while our blocks are being sent: the commit's If-None-Match: *
        // is what must stop the overwrite.
        var loser = new TrickleStream(Data.Png(200_000))
        {
            OnEndOfStream = () => s.Store.UploadAsync(container, "race.png", new MemoryStream(winner), Data.PngOnly()).GetAwaiter().GetResult(),
        };

        var e = await Assert.ThrowsAsync<BlobAlreadyExistsException>(() =>
            s.Store.UploadAsync(container, "race.png", loser, Data.PngOnly(ifNoneMatchAny: true)));

        Assert.True(e.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.PreconditionFailed, $"status {e.StatusCode}");
        Assert.Equal(winner, await s.ReadAllAsync(container, "race.png"));
    }

    [Fact]
    public async Task Upload_without_IfNoneMatchAny_overwrites()
    {
        await using var s = new StoreScope();
        var container = await s.NewContainerAsync();
        await s.Store.UploadAsync(container, "f.png", new MemoryStream(Data.Png(100)), Data.PngOnly());
        var second = Data.Png(50);

        await s.Store.UploadAsync(container, "f.png", new MemoryStream(second), Data.PngOnly());

        Assert.Equal(second, await s.ReadAllAsync(container, "f.png"));
    }

    [Fact]
    public async Task Stream_failing_mid_upload_leaves_no_blob()
    {
        await using var s = new StoreScope(blockSize: 64 * 1024);
        var container = await s.NewContainerAsync();
        var stream = new TrickleStream(Data.Png(500_000)) { ThrowAfter = 250_000 };

        await Assert.ThrowsAsync<IOException>(() => s.Store.UploadAsync(container, "cut.png", stream, Data.PngOnly()));

        Assert.True(s.Handler.Count("comp=block&") >= 3, "some blocks were sent before the failure");
        Assert.Equal(0, s.Handler.Count("comp=blocklist"));
        Assert.Null(await s.Store.GetAsync(container, "cut.png"));
        Assert.Empty(await s.ListAllAsync(container));
    }

    [Fact]
    public async Task Failed_reupload_keeps_the_previous_version()
    {
        await using var s = new StoreScope(blockSize: 64 * 1024);
        var container = await s.NewContainerAsync();
        var original = Data.Png(70_000);
        await s.Store.UploadAsync(container, "keep.png", new MemoryStream(original), Data.PngOnly());

        await Assert.ThrowsAsync<IOException>(() => s.Store.UploadAsync(
            container, "keep.png", new TrickleStream(Data.Png(500_000)) { ThrowAfter = 300_000 }, Data.PngOnly()));

        Assert.Equal(original, await s.ReadAllAsync(container, "keep.png"));
    }

    [Fact]
    public async Task Cancelled_upload_leaves_no_blob()
    {
        await using var s = new StoreScope(blockSize: 64 * 1024);
        var container = await s.NewContainerAsync();
        using var cts = new CancellationTokenSource();
        var stream = new TrickleStream(Data.Png(400_000)) { OnEndOfStream = cts.Cancel };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => s.Store.UploadAsync(container, "c.png", stream, Data.PngOnly(), cts.Token));

        Assert.Null(await s.Store.GetAsync(container, "c.png"));
    }

    [Fact]
    public async Task Caller_going_away_during_the_commit_does_not_stop_it_so_the_outcome_is_known()
    {
        await using var s = new StoreScope(blockSize: 64 * 1024);
        var container = await s.NewContainerAsync();
        var data = Data.Png(300_000);
        using var cts = new CancellationTokenSource();
        s.Handler.OnRequest = r => { if (r.RequestUri!.Query.Contains("comp=blocklist")) cts.Cancel(); };

        var result = await s.Store.UploadAsync(container, "committed.png", new TrickleStream(data), Data.PngOnly(ifNoneMatchAny: true), cts.Token);

        Assert.True(cts.IsCancellationRequested);
        Assert.Equal(Data.Sha256Hex(data), result.Sha256Hex);
        Assert.Equal(data, await s.ReadAllAsync(container, "committed.png"));
    }

    [Fact]
    public async Task Blocks_are_staged_in_parallel_up_to_the_bound()
    {
        await using var s = new StoreScope(blockSize: 64 * 1024);
        var container = await s.NewContainerAsync();
        s.Handler.BlockDelay = TimeSpan.FromMilliseconds(50);
        var data = Data.Png(20 * 64 * 1024 + 5);

        var result = await s.Store.UploadAsync(container, "parallel.png", new TrickleStream(data, maxChunk: 64 * 1024), Data.PngOnly());

        Assert.Equal(Data.Sha256Hex(data), result.Sha256Hex);
        Assert.Equal(data, await s.ReadAllAsync(container, "parallel.png"));
        Assert.Equal(21, s.Handler.Count("comp=block&"));
        Assert.InRange(s.Handler.PeakBlocksInFlight, 2, new BlobTransferOptions().MaxConcurrencyPerUpload);
    }

    [Fact]
    public async Task Upload_to_missing_container_throws_with_status_and_code()
    {
        await using var s = new StoreScope();

        var e = await Assert.ThrowsAsync<BlobStorageException>(() =>
            s.Store.UploadAsync(TestEnv.NewContainerName(), "x.png", new MemoryStream(Data.Png(100)), Data.PngOnly()));

        Assert.Equal(HttpStatusCode.NotFound, e.StatusCode);
        Assert.Equal("ContainerNotFound", e.ErrorCode);
    }
}
