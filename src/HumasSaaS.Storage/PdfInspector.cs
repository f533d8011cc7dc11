using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace HumasSaaS.Storage;

/// <summary>
/// Reads a PDF's object structure (top-level objects, trailers, cross-reference streams and the objects inside object
/// streams) and refuses what can act on the reader's machine or hide content from checks. Stream data other than object
/// streams is skipped, never decoded. Names are compared after #xx decoding, so <c>/J#61vaScript</c> is JavaScript.
/// </summary>
internal sealed class PdfInspector
{
    private const int MaxDepth = 64;
    private readonly RandomAccessBytes _src;
    private readonly HostileFileLimits _limits;
    private readonly Dictionary<int, PdfValue> _objects = [];
    private readonly List<PdfDict> _trailers = [];
    private readonly List<(PdfDict Dict, long Start, long Length)> _objectStreams = [];
    private long _inflated;
    private bool _sawStartXref;
    private bool _sawEof;

    private PdfInspector(RandomAccessBytes src, HostileFileLimits limits)
    {
        _src = src;
        _limits = limits;
    }

    public static HostileFinding? Inspect(RandomAccessBytes src, HostileFileLimits limits)
    {
        var inspector = new PdfInspector(src, limits);
        try
        {
            return inspector.Run();
        }
        catch (Exception e) when (e is PdfSyntaxException or InvalidDataException or EndOfStreamException)
        {
            return new HostileFinding(HostileFileReason.PdfUnreadable);
        }
    }

    private HostileFinding? Run()
    {
        var lexer = new PdfLexer(_src, 0, _src.Length, comment => _sawEof |= comment.StartsWith("%%EOF", StringComparison.Ordinal));
        if (!StartsWith(0, "%PDF-")) throw new PdfSyntaxException("no header");
        lexer.SkipLine();
        ParseTopLevel(lexer);

        // Encryption first: the strings and object streams of an encrypted file cannot be read, so nothing else can be checked.
        if (_trailers.Any(t => t.Has("Encrypt"))) return new HostileFinding(HostileFileReason.PdfEncrypted);
        if (_objects.Count == 0 || _trailers.Count == 0 || !_sawStartXref || !_sawEof) throw new PdfSyntaxException("incomplete");

        foreach (var (dict, start, length) in _objectStreams) ReadObjectStream(dict, start, length);

        var root = _trailers.Select(t => Resolve(t.Get("Root"))).OfType<PdfDict>().FirstOrDefault()
                   ?? throw new PdfSyntaxException("no catalog");

        var found = new HashSet<HostileFileReason>();
        foreach (var value in _objects.Values.Concat(_trailers)) Visit(value, 0, found);
        foreach (var reason in (ReadOnlySpan<HostileFileReason>)[HostileFileReason.PdfLaunch, HostileFileReason.PdfJavaScript, HostileFileReason.PdfEmbeddedFile])
            if (found.Contains(reason)) return new HostileFinding(reason);

        if (root.Get("OpenAction") is { } open && Resolve(open) is PdfDict action && action.Name("S") is not "GoTo")
            return new HostileFinding(HostileFileReason.PdfOpenAction);
        return null;
    }

    private static void Visit(PdfValue value, int depth, HashSet<HostileFileReason> found)
    {
        if (depth > MaxDepth) throw new PdfSyntaxException("too deep");
        switch (value)
        {
            case PdfDict dict:
                var action = dict.Name("S");
                if (action == "Launch") found.Add(HostileFileReason.PdfLaunch);
                if (action == "JavaScript" || dict.Has("JS") || dict.Has("JavaScript")) found.Add(HostileFileReason.PdfJavaScript);
                if (dict.Has("EmbeddedFiles") || dict.Has("EF") || dict.Name("Type") == "EmbeddedFile") found.Add(HostileFileReason.PdfEmbeddedFile);
                foreach (var v in dict.Values) Visit(v, depth + 1, found);
                break;
            case PdfArray array:
                foreach (var v in array.Items) Visit(v, depth + 1, found);
                break;
        }
    }

    private PdfValue? Resolve(PdfValue? value)
    {
        for (var i = 0; i < 8 && value is PdfRef r; i++) value = _objects.GetValueOrDefault(r.Number);
        return value is PdfRef ? null : value;
    }

    // ------------------------------------------------------------------ top level

    private void ParseTopLevel(PdfLexer lexer)
    {
        while (true)
        {
            var token = lexer.Next();
            switch (token.Kind)
            {
                case TokenKind.End:
                    return;
                case TokenKind.Keyword when token.Text == "xref":
                    SkipXrefTable(lexer);
                    break;
                case TokenKind.Keyword when token.Text == "trailer":
                    _trailers.Add(lexer.ParseValue(lexer.Next(), 0) as PdfDict ?? throw new PdfSyntaxException("trailer"));
                    break;
                case TokenKind.Keyword when token.Text == "startxref":
                    if (lexer.Next().Kind != TokenKind.Number) throw new PdfSyntaxException("startxref");
                    _sawStartXref = true;
                    break;
                case TokenKind.Number when token.IsInteger:
                    ParseIndirectObject(lexer, (int)token.Integer);
                    break;
                default:
                    throw new PdfSyntaxException($"unexpected '{token.Text}' at {token.Start}");
            }
        }
    }

    private static void SkipXrefTable(PdfLexer lexer)
    {
        while (true)
        {
            var save = lexer.Position;
            var token = lexer.Next();
            if (token.Kind == TokenKind.Keyword && token.Text == "trailer") { lexer.Position = save; return; }
            if (token.Kind == TokenKind.End) throw new PdfSyntaxException("xref without trailer");
            if (token.Kind == TokenKind.Number || token.Kind == TokenKind.Keyword && token.Text is "n" or "f") continue;
            throw new PdfSyntaxException("xref");
        }
    }

    private void ParseIndirectObject(PdfLexer lexer, int number)
    {
        var generation = lexer.Next();
        var obj = lexer.Next();
        if (generation.Kind != TokenKind.Number || obj.Kind != TokenKind.Keyword || obj.Text != "obj") throw new PdfSyntaxException("obj");
        if (_objects.Count >= _limits.MaxPdfObjects) throw new PdfSyntaxException("too many objects");
        var value = lexer.ParseValue(lexer.Next(), 0);
        var save = lexer.Position;
        var next = lexer.Next();
        if (next.Kind == TokenKind.Keyword && next.Text == "stream")
        {
            var dict = value as PdfDict ?? throw new PdfSyntaxException("stream without dictionary");
            var (start, length) = StreamData(lexer.Position, dict);
            lexer.Position = start + length;
            if (lexer.Next() is not { Kind: TokenKind.Keyword, Text: "endstream" }) throw new PdfSyntaxException("endstream");
            if (dict.Name("Type") == "XRef") _trailers.Add(dict);
            if (dict.Name("Type") == "ObjStm") _objectStreams.Add((dict, start, length));
            save = lexer.Position;
            next = lexer.Next();
        }
        // A missing endobj is tolerated (readers do), anything else after the object is not.
        if (!(next.Kind == TokenKind.Keyword && next.Text == "endobj")) lexer.Position = save;
        _objects[number] = value;
    }

    /// <summary>Where the stream's bytes are: after the EOL that follows "stream", /Length long when that ends at endstream,
    /// otherwise up to the next "endstream" (an indirect or wrong /Length).</summary>
    private (long Start, long Length) StreamData(long afterKeyword, PdfDict dict)
    {
        var start = afterKeyword;
        if (_src[start] == '\r') start++;
        if (_src[start] == '\n') start++;
        if (dict.Get("Length") is PdfNumber { IsInteger: true } n && n.Integer >= 0 && start + n.Integer <= _src.Length)
        {
            var p = start + n.Integer;
            while (_src[p] is '\r' or '\n' or ' ' or '\t' or 0 or '\f') p++;
            if (StartsWith(p, "endstream")) return (start, n.Integer);
        }
        var end = IndexOf(start, "endstream"u8);
        if (end < 0) throw new PdfSyntaxException("stream without endstream");
        var length = end - start;
        if (length > 0 && _src[start + length - 1] == '\n') length--;
        if (length > 0 && _src[start + length - 1] == '\r') length--;
        return (start, length);
    }

    // ------------------------------------------------------------------ object streams

    private void ReadObjectStream(PdfDict dict, long start, long length)
    {
        var filter = dict.Get("Filter") switch
        {
            null => null,
            PdfName name => name.Value,
            PdfArray { Items.Count: 1 } a when a.Items[0] is PdfName only => only.Value,
            _ => "?",
        };
        if (filter is not (null or "FlateDecode")) throw new PdfSyntaxException("object stream filter");
        if (Resolve(dict.Get("DecodeParms")) is PdfDict parms && parms.Get("Predictor") is PdfNumber { Integer: > 1 })
            throw new PdfSyntaxException("object stream predictor");
        if (dict.Get("N") is not PdfNumber { IsInteger: true, Integer: >= 0 } count || dict.Get("First") is not PdfNumber { IsInteger: true, Integer: >= 0 } first)
            throw new PdfSyntaxException("object stream header");

        byte[] data;
        using (var raw = _src.Slice(start, length))
        {
            data = filter is null ? ReadCapped(raw) : ReadCapped(new ZLibStream(raw, CompressionMode.Decompress));
        }
        var inner = new RandomAccessBytes(new MemoryStream(data, writable: false));
        var header = new PdfLexer(inner, 0, Math.Min(first.Integer, data.Length), null);
        var entries = new List<(int Number, long Offset)>();
        for (var i = 0; i < count.Integer; i++)
        {
            var num = header.Next();
            var off = header.Next();
            if (num is not { Kind: TokenKind.Number, IsInteger: true } || off is not { Kind: TokenKind.Number, IsInteger: true })
                throw new PdfSyntaxException("object stream index");
            entries.Add(((int)num.Integer, off.Integer));
        }
        foreach (var (number, offset) in entries)
        {
            if (_objects.Count >= _limits.MaxPdfObjects) throw new PdfSyntaxException("too many objects");
            var lexer = new PdfLexer(inner, first.Integer + offset, data.Length, null);
            _objects.TryAdd(number, lexer.ParseValue(lexer.Next(), 0));
        }
    }

    private byte[] ReadCapped(Stream stream)
    {
        using var output = new MemoryStream();
        var buffer = new byte[81920];
        int n;
        while ((n = stream.Read(buffer)) > 0)
        {
            _inflated += n;
            if (_inflated > _limits.MaxPdfInflatedBytes) throw new PdfSyntaxException("inflates too much");
            output.Write(buffer, 0, n);
        }
        return output.ToArray();
    }

    // ------------------------------------------------------------------ helpers

    private bool StartsWith(long position, string text)
    {
        for (var i = 0; i < text.Length; i++)
            if (_src[position + i] != text[i]) return false;
        return true;
    }

    private long IndexOf(long from, ReadOnlySpan<byte> needle)
    {
        for (var p = from; p + needle.Length <= _src.Length; p++)
        {
            if (_src[p] != needle[0]) continue;
            var i = 1;
            while (i < needle.Length && _src[p + i] == needle[i]) i++;
            if (i == needle.Length) return p;
        }
        return -1;
    }
}

internal sealed class PdfSyntaxException(string message) : Exception(message);

internal abstract record PdfValue;
internal sealed record PdfName(string Value) : PdfValue;
internal sealed record PdfNumber(bool IsInteger, long Integer) : PdfValue;
internal sealed record PdfRef(int Number, int Generation) : PdfValue;
internal sealed record PdfArray(List<PdfValue> Items) : PdfValue;
internal sealed record PdfOther : PdfValue
{
    public static readonly PdfOther Instance = new();
}

internal sealed record PdfDict(Dictionary<string, PdfValue> Entries) : PdfValue
{
    public IEnumerable<PdfValue> Values => Entries.Values;
    public bool Has(string key) => Entries.ContainsKey(key);
    public PdfValue? Get(string key) => Entries.GetValueOrDefault(key);
    public string? Name(string key) => Get(key) is PdfName n ? n.Value : null;
}

internal enum TokenKind { End, Number, Name, String, Keyword, DictStart, DictEnd, ArrayStart, ArrayEnd }

internal readonly record struct PdfToken(TokenKind Kind, string Text, long Start, bool IsInteger = false, long Integer = 0);

/// <summary>PDF tokens (ISO 32000-1 §7.2) and direct objects; strings are skipped, not decoded.</summary>
internal sealed class PdfLexer(RandomAccessBytes src, long position, long end, Action<string>? onComment)
{
    private const int MaxDepth = 64;

    public long Position { get; set; } = position;

    private int Peek(long offset = 0) => Position + offset < end ? src[Position + offset] : -1;

    private static bool IsWhite(int c) => c is 0 or 9 or 10 or 12 or 13 or 32;
    private static bool IsDelimiter(int c) => c is '(' or ')' or '<' or '>' or '[' or ']' or '{' or '}' or '/' or '%';
    private static bool IsRegular(int c) => c >= 0 && !IsWhite(c) && !IsDelimiter(c);

    public void SkipLine()
    {
        while (Peek() is not (-1 or '\n' or '\r')) Position++;
    }

    public PdfToken Next()
    {
        while (true)
        {
            var c = Peek();
            if (c < 0) return new PdfToken(TokenKind.End, "", Position);
            if (IsWhite(c)) { Position++; continue; }
            if (c == '%')
            {
                var sb = new StringBuilder();
                while (Peek() is not (-1 or '\n' or '\r') && sb.Length < 16) sb.Append((char)src[Position++]);
                SkipLine();
                onComment?.Invoke(sb.ToString());
                continue;
            }
            break;
        }
        var start = Position;
        var ch = Peek();
        switch (ch)
        {
            case '/':
                Position++;
                return new PdfToken(TokenKind.Name, ReadName(), start);
            case '(':
                SkipLiteralString();
                return new PdfToken(TokenKind.String, "", start);
            case '<' when Peek(1) == '<':
                Position += 2;
                return new PdfToken(TokenKind.DictStart, "<<", start);
            case '<':
                Position++;
                while (Peek() is not (-1 or '>')) Position++;
                if (Peek() < 0) throw new PdfSyntaxException("hex string");
                Position++;
                return new PdfToken(TokenKind.String, "", start);
            case '>' when Peek(1) == '>':
                Position += 2;
                return new PdfToken(TokenKind.DictEnd, ">>", start);
            case '[':
                Position++;
                return new PdfToken(TokenKind.ArrayStart, "[", start);
            case ']':
                Position++;
                return new PdfToken(TokenKind.ArrayEnd, "]", start);
            case '{' or '}':
                Position++;
                return new PdfToken(TokenKind.Keyword, ((char)ch).ToString(), start);
            case ')' or '>':
                throw new PdfSyntaxException($"stray '{(char)ch}'");
        }
        var word = new StringBuilder();
        while (IsRegular(Peek()) && word.Length < 256) { word.Append((char)Peek()); Position++; }
        if (IsRegular(Peek())) throw new PdfSyntaxException("token too long");
        var text = word.ToString();
        if (text.Length > 0 && (char.IsAsciiDigit(text[0]) || text[0] is '+' or '-' or '.'))
        {
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
                return new PdfToken(TokenKind.Number, text, start, true, integer);
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                return new PdfToken(TokenKind.Number, text, start);
            throw new PdfSyntaxException($"bad number '{text}'");
        }
        return new PdfToken(TokenKind.Keyword, text, start);
    }

    private string ReadName()
    {
        var bytes = new List<byte>();
        while (IsRegular(Peek()))
        {
            var c = Peek();
            if (c == '#' && IsHex(Peek(1)) && IsHex(Peek(2)))
            {
                bytes.Add((byte)(HexValue(Peek(1)) * 16 + HexValue(Peek(2))));
                Position += 3;
            }
            else
            {
                bytes.Add((byte)c);
                Position++;
            }
            if (bytes.Count > 1024) throw new PdfSyntaxException("name too long");
        }
        return Encoding.Latin1.GetString(bytes.ToArray());
    }

    private static bool IsHex(int c) => c is >= '0' and <= '9' or >= 'a' and <= 'f' or >= 'A' and <= 'F';
    private static int HexValue(int c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    private void SkipLiteralString()
    {
        var depth = 0;
        while (true)
        {
            var c = Peek();
            if (c < 0) throw new PdfSyntaxException("unterminated string");
            Position++;
            if (c == '\\') { Position++; continue; }
            if (c == '(') depth++;
            else if (c == ')' && --depth == 0) return;
        }
    }

    /// <summary>The direct object starting with <paramref name="token"/>; "n g R" becomes a reference.</summary>
    public PdfValue ParseValue(PdfToken token, int depth)
    {
        if (depth > MaxDepth) throw new PdfSyntaxException("nesting too deep");
        switch (token.Kind)
        {
            case TokenKind.Name:
                return new PdfName(token.Text);
            case TokenKind.String:
                return PdfOther.Instance;
            case TokenKind.Number:
                if (token.IsInteger && token.Integer is >= 0 and <= int.MaxValue)
                {
                    var save = Position;
                    var generation = Next();
                    if (generation is { Kind: TokenKind.Number, IsInteger: true, Integer: >= 0 and <= 65535 })
                    {
                        var r = Next();
                        if (r is { Kind: TokenKind.Keyword, Text: "R" }) return new PdfRef((int)token.Integer, (int)generation.Integer);
                    }
                    Position = save;
                }
                return new PdfNumber(token.IsInteger, token.Integer);
            case TokenKind.ArrayStart:
                var items = new List<PdfValue>();
                while (true)
                {
                    var t = Next();
                    if (t.Kind == TokenKind.ArrayEnd) return new PdfArray(items);
                    if (t.Kind == TokenKind.End) throw new PdfSyntaxException("unterminated array");
                    items.Add(ParseValue(t, depth + 1));
                }
            case TokenKind.DictStart:
                var entries = new Dictionary<string, PdfValue>(StringComparer.Ordinal);
                while (true)
                {
                    var key = Next();
                    if (key.Kind == TokenKind.DictEnd) return new PdfDict(entries);
                    if (key.Kind != TokenKind.Name) throw new PdfSyntaxException("dictionary key");
                    entries[key.Text] = ParseValue(Next(), depth + 1);
                }
            case TokenKind.Keyword when token.Text is "true" or "false" or "null":
                return PdfOther.Instance;
            default:
                throw new PdfSyntaxException($"unexpected '{token.Text}'");
        }
    }
}
