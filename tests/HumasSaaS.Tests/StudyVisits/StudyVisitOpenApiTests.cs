using System.Text.Json.Nodes;
using HumasSaaS.Tests.Infrastructure;

namespace HumasSaaS.Tests.StudyVisits;

[Collection(PlatformCollection.Name)]
public sealed class StudyVisitOpenApiTests(PlatformFixture fixture)
{
    [Fact]
    public async Task The_OpenAPI_document_describes_sharing_compare_adopt_links_and_visits()
    {
        using var client = fixture.App.CreateClient();
        var doc = JsonNode.Parse(await client.Http.GetStringAsync("/openapi/v1.json"))!;
        var operations = doc["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(o => o.Value!["operationId"]?.GetValue<string>())).ToHashSet();
        foreach (var name in new[] { "DiffConfigurationVersions", "GetConfigurationSharing", "SetConfigurationSharing", "ListShareLinks", "CreateShareLink",
                     "RevokeShareLink", "CompareConfigurations", "CompareConfigurationsCsv", "AdoptConfigurationItems", "ListSharedConfigurations",
                     "GetSharedConfiguration", "GetSharedLinkProfile", "SubmitPublicVisitRequest", "RequestOutgoingVisit", "ListStudyVisits",
                     "GetStudyVisit", "AcceptStudyVisit", "DeclineStudyVisit", "RecordStudyVisitOutcome" })
            Assert.Contains(name, operations);
        Assert.NotNull(doc["paths"]!["/api/v1/configuration/adopt"]!["post"]!["requestBody"]);
    }
}
