using System.Net;

namespace HumasSaaS.Storage;

/// <summary>A blob storage failure. <see cref="StatusCode"/> and <see cref="ErrorCode"/> (x-ms-error-code) are set when the service answered.</summary>
public class BlobStorageException : Exception
{
    public BlobStorageException(string message, HttpStatusCode? statusCode = null, string? errorCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
    }

    public HttpStatusCode? StatusCode { get; }

    /// <summary>The service's x-ms-error-code, e.g. "AuthenticationFailed", "BlobNotFound".</summary>
    public string? ErrorCode { get; }
}

/// <summary>Raised locally (StatusCode is null): the content was longer than <see cref="BlobUploadOptions.MaxBytes"/>.</summary>
public sealed class BlobTooLargeException : BlobStorageException
{
    public BlobTooLargeException(long maxBytes)
        : base($"The content exceeds the maximum of {maxBytes} bytes.")
    {
        MaxBytes = maxBytes;
    }

    public long MaxBytes { get; }
}

/// <summary>Raised locally (StatusCode is null): the content was refused before anything was stored (empty, or its type was not recognised).</summary>
public sealed class BlobContentRejectedException : BlobStorageException
{
    public BlobContentRejectedException(string reason)
        : base($"The content was rejected: {reason}.")
    {
        Reason = reason;
    }

    /// <summary>"empty" or "unrecognized content type".</summary>
    public string Reason { get; }
}

/// <summary>An upload with If-None-Match: * found an existing blob; the existing blob was left untouched.</summary>
public sealed class BlobAlreadyExistsException : BlobStorageException
{
    public BlobAlreadyExistsException(string container, string blobName, HttpStatusCode? statusCode, string? errorCode)
        : base($"Blob '{container}/{blobName}' already exists.", statusCode, errorCode)
    {
    }
}
