namespace HumasSaaS.Storage.Tests;

/// <summary>Pure string-to-sign checks (no server).</summary>
public class SharedKeySignerTests
{
    private static HttpRequestMessage Request(HttpMethod method, string url)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.TryAddWithoutValidation("x-ms-version", "2021-08-06");
        request.Headers.TryAddWithoutValidation("x-ms-date", "Mon, 01 Jan 2024 00:00:00 GMT");
        return request;
    }

    [Fact]
    public void Production_uri_names_the_account_once()
    {
        using var request = Request(HttpMethod.Get, "https://acct.blob.core.windows.net/photos/a%20b.png");

        var s = SharedKeySigner.StringToSign(request, "acct");

        Assert.Equal("GET\n\n\n\n\n\n\n\n\n\n\n\nx-ms-date:Mon, 01 Jan 2024 00:00:00 GMT\nx-ms-version:2021-08-06\n/acct/photos/a%20b.png", s);
    }

    [Fact]
    public void Path_style_uri_names_the_account_twice()
    {
        using var request = Request(HttpMethod.Get, "http://127.0.0.1:10000/acct/photos/a.png");

        var s = SharedKeySigner.StringToSign(request, "acct");

        Assert.EndsWith("\n/acct/acct/photos/a.png", s);
    }

    [Fact]
    public void Query_parameters_are_lower_cased_sorted_and_decoded_and_content_headers_signed()
    {
        using var request = Request(HttpMethod.Put, "https://acct.blob.core.windows.net/c/b?comp=block&blockid=YWJj%2Bw%3D%3D");
        request.Content = new ByteArrayContent(new byte[5]);
        request.Content.Headers.ContentMD5 = new byte[16];
        request.Headers.TryAddWithoutValidation("If-None-Match", "*");
        request.Headers.TryAddWithoutValidation("X-MS-Blob-Content-Type", "image/png");

        var s = SharedKeySigner.StringToSign(request, "acct");

        Assert.Equal(
            "PUT\n\n\n5\nAAAAAAAAAAAAAAAAAAAAAA==\n\n\n\n\n*\n\n\n" +
            "x-ms-blob-content-type:image/png\nx-ms-date:Mon, 01 Jan 2024 00:00:00 GMT\nx-ms-version:2021-08-06\n" +
            "/acct/c/b\nblockid:YWJj+w==\ncomp:block", s);
    }

    [Fact]
    public void Zero_content_length_is_signed_as_empty()
    {
        using var request = Request(HttpMethod.Put, "https://acct.blob.core.windows.net/c?restype=container");
        request.Content = new ByteArrayContent([]);

        var lines = SharedKeySigner.StringToSign(request, "acct").Split('\n');

        Assert.Equal("", lines[3]);
    }
}
