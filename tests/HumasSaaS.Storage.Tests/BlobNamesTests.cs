namespace HumasSaaS.Storage.Tests;

public class BlobNamesTests
{
    [Fact]
    public void Tenant_container_is_a_valid_container_name()
    {
        var id = Guid.Parse("0F8FAD5B-D9CB-469F-A165-70867728950E");

        var name = BlobNames.TenantContainer(id);

        Assert.Equal("t-0f8fad5bd9cb469fa16570867728950e", name);
        Assert.True(BlobNames.IsValidContainerName(name));
    }

    [Theory]
    [InlineData("abc", true)]
    [InlineData("a-b-c", true)]
    [InlineData("ab", false)]
    [InlineData("Abc", false)]
    [InlineData("-abc", false)]
    [InlineData("abc-", false)]
    [InlineData("a--b", false)]
    [InlineData("a_b", false)]
    [InlineData(null, false)]
    public void Container_names(string? name, bool valid) => Assert.Equal(valid, BlobNames.IsValidContainerName(name));

    [Theory]
    [InlineData("a", true)]
    [InlineData("photos/2024/cat.png", true)]
    [InlineData("with space and ümlaut?#%.txt", true)]
    [InlineData("😀", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("/leading", false)]
    [InlineData("trailing/", false)]
    [InlineData("double//slash", false)]
    [InlineData("dot/./segment", false)]
    [InlineData("dot/../segment", false)]
    [InlineData("..", false)]
    [InlineData("ends.with.dot.", false)]
    [InlineData("back\\slash", false)]
    [InlineData("control\u0001char", false)]
    public void Blob_names(string? name, bool valid) => Assert.Equal(valid, BlobNames.IsValidBlobName(name));

    [Fact]
    public void Unpaired_surrogates_are_invalid()
    {
        // Built at run time: attribute arguments are stored as UTF-8, which would turn a lone surrogate into U+FFFD.
        Assert.False(BlobNames.IsValidBlobName("lone" + '\uD800' + "high"));
        Assert.False(BlobNames.IsValidBlobName("lone" + '\uDC00' + "low"));
        Assert.False(BlobNames.IsValidBlobName("end" + '\uD83D'));
        Assert.True(BlobNames.IsValidBlobName("pair" + '\uD83D' + '\uDE00'));
    }

    [Fact]
    public void Blob_name_length_and_segment_limits()
    {
        Assert.True(BlobNames.IsValidBlobName(new string('a', 1024)));
        Assert.False(BlobNames.IsValidBlobName(new string('a', 1025)));
        Assert.True(BlobNames.IsValidBlobName(string.Join('/', Enumerable.Repeat("a", 254))));
        Assert.False(BlobNames.IsValidBlobName(string.Join('/', Enumerable.Repeat("a", 255))));
    }

    [Fact]
    public async Task Invalid_names_are_refused_before_any_request()
    {
        using var http = new HttpClient();
        var store = new AzureBlobStore(BlobStorageRegistration.CreateServiceClient(
            new Uri("http://127.0.0.1:1/acct"), "acct", Convert.ToBase64String(new byte[32]), http));

        await Assert.ThrowsAsync<ArgumentException>(() => store.GetAsync("Bad_Container", "x"));
        await Assert.ThrowsAsync<ArgumentException>(() => store.GetAsync("good", "../x"));
    }
}
