using System.Net;

namespace HumasSaaS.Storage.Tests;

public class BlobOperationTests
{
    [Fact]
    public async Task Create_container_is_idempotent()
    {
        await using var s = new StoreScope();
        var container = await s.NewContainerAsync();

        await s.Store.CreateContainerIfNotExistsAsync(container);

        Assert.Empty(await s.ListAllAsync(container));
    }

    [Fact]
    public async Task Get_missing_blob_or_container_returns_null()
    {
        await using var s = new StoreScope();
        var container = await s.NewContainerAsync();

        Assert.Null(await s.Store.GetAsync(container, "nope"));
        Assert.Null(await s.Store.GetAsync(TestEnv.NewContainerName(), "nope"));
    }

    [Fact]
    public async Task Delete_if_exists()
    {
        await using var s = new StoreScope();
        var container = await s.NewContainerAsync();
        await s.Store.UploadAsync(container, "d/x.png", new MemoryStream(Data.Png(1000)), Data.PngOnly());

        Assert.True(await s.Store.DeleteIfExistsAsync(container, "d/x.png"));
        Assert.Null(await s.Store.GetAsync(container, "d/x.png"));
        Assert.False(await s.Store.DeleteIfExistsAsync(container, "d/x.png"));
        Assert.False(await s.Store.DeleteIfExistsAsync(TestEnv.NewContainerName(), "d/x.png"));
    }

    [Fact]
    public async Task List_filters_by_prefix_and_follows_paging()
    {
        await using var s = new StoreScope(listPageSize: 2);
        var container = await s.NewContainerAsync();
        var before = DateTimeOffset.UtcNow.AddMinutes(-5);
        for (var i = 0; i < 5; i++)
            await s.Store.UploadAsync(container, $"a/{i}.png", new MemoryStream(Data.Png(100 + i)), Data.PngOnly());
        await s.Store.UploadAsync(container, "b/0.txt", new MemoryStream("hello"u8.ToArray()), new BlobUploadOptions { DetectContentType = _ => "text/plain" });
        await s.Store.UploadAsync(container, "ab.png", new MemoryStream(Data.Png(10)), Data.PngOnly());

        var listsBefore = s.Handler.Count("comp=list");
        var a = await s.ListAllAsync(container, "a/");
        Assert.Equal(3, s.Handler.Count("comp=list") - listsBefore); // 2 + 2 + 1 with maxresults=2

        Assert.Equal(["a/0.png", "a/1.png", "a/2.png", "a/3.png", "a/4.png"], a.Select(x => x.Name));
        Assert.Equal([100L, 101, 102, 103, 104], a.Select(x => x.Length));
        Assert.All(a, x => Assert.Equal("image/png", x.ContentType));
        Assert.All(a, x => Assert.InRange(x.LastModified, before, DateTimeOffset.UtcNow.AddMinutes(5)));

        var all = await s.ListAllAsync(container);
        Assert.Equal(["a/0.png", "a/1.png", "a/2.png", "a/3.png", "a/4.png", "ab.png", "b/0.txt"], all.Select(x => x.Name));
        Assert.Equal("text/plain", all.Single(x => x.Name == "b/0.txt").ContentType);

        Assert.Equal(["a/0.png", "a/1.png", "a/2.png", "a/3.png", "a/4.png", "ab.png"], (await s.ListAllAsync(container, "a")).Select(x => x.Name));
        Assert.Empty(await s.ListAllAsync(container, "zzz"));
    }

    [Fact]
    public async Task List_of_missing_container_is_empty()
    {
        await using var s = new StoreScope();

        Assert.Empty(await s.ListAllAsync(TestEnv.NewContainerName()));
    }

    [Fact]
    public async Task Copy_to_another_container()
    {
        await using var s = new StoreScope(blockSize: 64 * 1024);
        var source = await s.NewContainerAsync();
        var destination = await s.NewContainerAsync();
        var data = Data.Png(300_000);
        await s.Store.UploadAsync(source, "orig/p.png", new MemoryStream(data), Data.PngOnly());

        await s.Store.CopyAsync(source, "orig/p.png", destination, "copies/p.png");

        await using var copy = await s.Store.GetAsync(destination, "copies/p.png");
        Assert.NotNull(copy);
        Assert.Equal("image/png", copy.ContentType);
        using var ms = new MemoryStream();
        await copy.Content.CopyToAsync(ms);
        Assert.Equal(data, ms.ToArray());
        Assert.Equal(data, await s.ReadAllAsync(source, "orig/p.png"));
    }

    [Fact]
    public async Task Copy_of_missing_source_throws()
    {
        await using var s = new StoreScope();
        var container = await s.NewContainerAsync();

        var e = await Assert.ThrowsAsync<BlobStorageException>(() => s.Store.CopyAsync(container, "missing", container, "dest"));

        Assert.Equal(HttpStatusCode.NotFound, e.StatusCode);
        Assert.Null(await s.Store.GetAsync(container, "dest"));
    }

    [Theory]
    [InlineData("dir/sub dir/ü ñ+%#?&=;'!(x)~.txt")]
    [InlineData("emoji/😀 日本語.bin")]
    [InlineData("a/b/c/d/e/f/g/h")]
    public async Task Names_needing_escaping_round_trip(string name)
    {
        await using var s = new StoreScope();
        var container = await s.NewContainerAsync();
        var data = Data.Png(1234);

        await s.Store.UploadAsync(container, name, new MemoryStream(data), Data.PngOnly());

        Assert.Equal(data, await s.ReadAllAsync(container, name));
        Assert.Equal(name, Assert.Single(await s.ListAllAsync(container, name)).Name);
        using var plain = new HttpClient();
        Assert.Equal(data, await plain.GetByteArrayAsync(await s.Store.CreateReadSasUriAsync(container, name, TimeSpan.FromMinutes(5))));
        Assert.True(await s.Store.DeleteIfExistsAsync(container, name));
    }
}
