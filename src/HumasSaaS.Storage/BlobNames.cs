using System.Diagnostics.CodeAnalysis;

namespace HumasSaaS.Storage;

/// <summary>Container naming per tenant and validation of container and blob names.</summary>
public static class BlobNames
{
    public const int MaxBlobNameLength = 1024;
    private const int MaxSegments = 254;

    /// <summary>"t-" + tenant id as 32 lowercase hex digits (34 chars: a valid container name).</summary>
    public static string TenantContainer(Guid tenantId) => "t-" + tenantId.ToString("N");

    /// <summary>3-63 chars of lowercase letters, digits and single hyphens, starting and ending with a letter or digit.</summary>
    public static bool IsValidContainerName([NotNullWhen(true)] string? name)
    {
        if (name is null || name.Length is < 3 or > 63) return false;
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9') continue;
            if (c == '-' && i > 0 && i < name.Length - 1 && name[i - 1] != '-') continue;
            return false;
        }
        return true;
    }

    /// <summary>
    /// A conservative subset of Azure's rules: 1-1024 chars, at most 254 '/'-separated segments, no empty, "." or ".."
    /// segment (so no leading, trailing or doubled '/'), not ending with '.', no backslash, no control characters and
    /// no unpaired surrogates. Any other character (spaces, '?', '#', '%', non-ASCII) is allowed and escaped on the wire.
    /// </summary>
    public static bool IsValidBlobName([NotNullWhen(true)] string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxBlobNameLength) return false;
        if (name[^1] == '.') return false;
        var segments = 1;
        var segmentStart = 0;
        for (var i = 0; i <= name.Length; i++)
        {
            if (i == name.Length || name[i] == '/')
            {
                var segment = name.AsSpan(segmentStart, i - segmentStart);
                if (segment.Length == 0 || segment is "." or "..") return false;
                if (i < name.Length && ++segments > MaxSegments) return false;
                segmentStart = i + 1;
                continue;
            }
            var c = name[i];
            if (c == '\\' || char.IsControl(c)) return false;
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= name.Length || !char.IsLowSurrogate(name[i + 1])) return false;
                i++;
            }
            else if (char.IsLowSurrogate(c)) return false;
        }
        return true;
    }

    public static void ValidateContainerName(string name, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(name))] string? paramName = null)
    {
        if (!IsValidContainerName(name))
            throw new ArgumentException($"Invalid container name '{name}': 3-63 lowercase letters, digits and single hyphens.", paramName);
    }

    public static void ValidateBlobName(string name, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(name))] string? paramName = null)
    {
        if (!IsValidBlobName(name))
            throw new ArgumentException($"Invalid blob name '{name}'.", paramName);
    }

    /// <summary>The blob name escaped for a URL path: each segment percent-encoded, '/' kept.</summary>
    internal static string EscapePath(string blobName)
        => string.Join('/', blobName.Split('/').Select(Uri.EscapeDataString));
}
