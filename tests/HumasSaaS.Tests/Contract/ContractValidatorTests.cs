using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using HumasSaaS.Tests.Infrastructure;

namespace HumasSaaS.Tests.Contract;

/// <summary>
/// The contract check must be able to fail: a tampered live answer makes the test client throw, and the validator
/// names each kind of mismatch (body against schema, unlisted status, undeclared media type, undeclared body).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ContractValidatorTests(PlatformFixture fixture)
{
    private static readonly Lazy<ContractValidator> Committed = new(() => new ContractValidator(File.ReadAllText(OpenApiSnapshotTests.SnapshotPath)));

    [Fact]
    public async Task A_live_answer_whose_body_breaks_the_schema_fails_the_request_and_the_honest_answer_passes()
    {
        var tamper = new TamperingHandler(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false });
        using var http = new HttpClient(new ContractValidatingHandler(tamper, alwaysThrow: true)) { BaseAddress = fixture.App.Address };
        var signIn = await http.PostAsJsonAsync("/api/v1/auth/sign-in", new { email = fixture.AdminA, password = PlatformFixture.Password });
        Assert.Equal(HttpStatusCode.NoContent, signIn.StatusCode);

        var before = ContractValidatingHandler.Checked;
        var honest = await http.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.OK, honest.StatusCode);
        Assert.True(ContractValidatingHandler.Checked > before, "the answer was not checked");

        tamper.Breaking = true;
        var error = await Assert.ThrowsAsync<ContractViolationException>(() => http.GetAsync("/api/v1/me"));
        Assert.Contains("GET /api/v1/me (Me) → 200: body does not match the schema", error.Message);
        Assert.Contains("/email", error.Message);
    }

    [Fact]
    public void The_validator_names_an_unlisted_status_an_undeclared_media_type_and_an_undeclared_body()
    {
        var validator = Committed.Value;
        var unlisted = Assert.Single(validator.Check("GET", "/api/v1/me", 418, "application/problem+json", """{"type":"x","title":"t","status":418,"detail":"d","traceId":"1"}"""));
        Assert.Contains("status not listed", unlisted);

        var media = Assert.Single(validator.Check("GET", "/api/v1/public/tickets/0197a6a1-0000-7000-8000-000000000001/qr.png", 200, "text/html", "<html></html>"));
        Assert.Contains("media type text/html not declared", media);

        var body = Assert.Single(validator.Check("POST", "/api/v1/auth/sign-in", 204, "application/json", """{"token":"x"}"""));
        Assert.Contains("declares no body", body);

        var problem = Assert.Single(validator.Check("GET", "/api/v1/me", 401, "application/problem+json", """{"type":"x","title":"t","status":"401"}"""));
        Assert.Contains("body does not match the schema", problem);

        Assert.Empty(validator.Check("GET", "/api/v1/me", 401, "application/problem+json",
            """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.2","title":"Perlu masuk","status":401,"detail":"d","traceId":"00-1"}"""));
    }

    [Fact]
    public void Only_a_bare_answer_without_the_application_s_headers_counts_as_a_transport_rejection()
    {
        using var kestrel = new HttpResponseMessage(HttpStatusCode.BadRequest);
        Assert.True(ContractValidatingHandler.IsTransportRejection(kestrel, ""));

        using var app = new HttpResponseMessage(HttpStatusCode.BadRequest);
        app.Headers.TryAddWithoutValidation("X-Content-Type-Options", "nosniff");
        Assert.False(ContractValidatingHandler.IsTransportRejection(app, ""));
        Assert.False(ContractValidatingHandler.IsTransportRejection(new HttpResponseMessage(HttpStatusCode.NotFound), ""));
        Assert.False(ContractValidatingHandler.IsTransportRejection(new HttpResponseMessage(HttpStatusCode.BadRequest), "{}"));
    }

    /// <summary>Passes answers through unchanged until <see cref="Breaking"/>; then GET /api/v1/me's email becomes a number.</summary>
    private sealed class TamperingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        public bool Breaking { get; set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (!Breaking || request.RequestUri!.AbsolutePath != "/api/v1/me") return response;
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!.AsObject();
            body["email"] = 42;
            response.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            return response;
        }
    }
}
