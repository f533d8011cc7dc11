using HumasSaaS.Events;
using System.Text;
using HumasSaaS.Api.Platform.Http;

namespace HumasSaaS.Api.Events;

/// <summary>
/// Participant lists from spreadsheets: a header row (nama, instansi, jabatan, kategori, telepon, email, kehadiran;
/// only "nama" and "kategori" are required), comma or semicolon separated (Excel in Indonesian locale writes ';'),
/// RFC 4180 quoting. Every row is validated on its own; bad rows are reported with their line number.
/// </summary>
public static class ParticipantCsv
{
    public const int MaxRows = 2000;
    public const int MaxBytes = 2 * 1024 * 1024;

    public sealed record Row(int Line, ParticipantInput? Input, IReadOnlyList<string> Errors);

    public static IReadOnlyList<Row> Parse(string text)
    {
        var records = ReadRecords(text.TrimStart('\uFEFF'));
        if (records.Count == 0)
            throw new RequestValidationException(new Dictionary<string, string[]> { ["file"] = ["Berkas CSV kosong."] });
        var (headerLine, header) = records[0];
        var columns = header.Select(h => h.Trim().ToLowerInvariant()).ToList();
        int Col(params string[] names) => columns.FindIndex(c => names.Contains(c));
        var name = Col("nama", "name");
        var institution = Col("instansi", "institution", "asal instansi");
        var position = Col("jabatan", "position");
        var category = Col("kategori", "category");
        var phone = Col("telepon", "no hp", "hp", "phone", "nomor telepon");
        var email = Col("email", "surel");
        var mode = Col("kehadiran", "mode", "attendance");
        if (name < 0 || category < 0)
            throw new RequestValidationException(new Dictionary<string, string[]>
            {
                ["file"] = [$"Baris {headerLine}: judul kolom wajib memuat 'nama' dan 'kategori' (juga dikenal: instansi, jabatan, telepon, email, kehadiran)."],
            });
        if (records.Count - 1 > MaxRows)
            throw new RequestValidationException(new Dictionary<string, string[]> { ["file"] = [$"Paling banyak {MaxRows} baris peserta per impor."] });

        var rows = new List<Row>();
        foreach (var (line, fields) in records.Skip(1))
        {
            if (fields.All(string.IsNullOrWhiteSpace)) continue;
            string? F(int i) => i >= 0 && i < fields.Count && !string.IsNullOrWhiteSpace(fields[i]) ? fields[i].Trim() : null;
            var errors = new List<string>();
            if (fields.Count > columns.Count) errors.Add($"Jumlah kolom ({fields.Count}) melebihi judul kolom ({columns.Count}).");
            var parsedCategory = ParseCategory(F(category));
            if (parsedCategory is null) errors.Add($"Kategori '{F(category) ?? ""}' tidak dikenal (OPD, kecamatan, desa, UPT, vertikal, media, organisasi, lainnya).");
            var parsedMode = ParseMode(F(mode));
            if (parsedMode is null) errors.Add($"Kehadiran '{F(mode)}' tidak dikenal (luring atau daring).");
            var input = new ParticipantInput(F(name) ?? "", parsedCategory ?? ParticipantCategory.Other, F(institution), F(position), F(phone), F(email),
                parsedMode ?? AttendanceMode.InPerson);
            try
            {
                Event.ValidateParticipant(new Validator(), "row", input, requireContact: false).ThrowIfInvalid();
            }
            catch (RequestValidationException e)
            {
                errors.AddRange(e.Errors.SelectMany(x => x.Value));
            }
            rows.Add(errors.Count == 0 ? new Row(line, input, []) : new Row(line, null, errors));
        }
        return rows;
    }

    public static ParticipantCategory? ParseCategory(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "opd" or "skpd" or "opd/skpd" => ParticipantCategory.Opd,
        "kecamatan" => ParticipantCategory.Kecamatan,
        "desa" or "kelurahan" or "desa/kelurahan" or "desa_kelurahan" => ParticipantCategory.DesaKelurahan,
        "upt" => ParticipantCategory.Upt,
        "vertikal" or "instansi vertikal" or "vertical_agency" => ParticipantCategory.VerticalAgency,
        "media" or "pers" => ParticipantCategory.Media,
        "organisasi" or "ormas" or "organisation" => ParticipantCategory.Organisation,
        "lainnya" or "umum" or "other" => ParticipantCategory.Other,
        _ => null,
    };

    private static AttendanceMode? ParseMode(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "luring" or "langsung" or "in_person" or "tatap muka" => AttendanceMode.InPerson,
        "daring" or "online" => AttendanceMode.Online,
        _ => null,
    };

    /// <summary>RFC 4180 records with the line each starts on; delimiter ',' or ';' chosen from the header line.</summary>
    private static List<(int Line, List<string> Fields)> ReadRecords(string text)
    {
        var firstLineEnd = text.IndexOfAny(['\r', '\n']);
        var head = firstLineEnd < 0 ? text : text[..firstLineEnd];
        var delimiter = head.Count(c => c == ';') > head.Count(c => c == ',') ? ';' : ',';
        var records = new List<(int, List<string>)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var inQuotes = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') inQuotes = false;
                else
                {
                    if (c == '\n') line++;
                    field.Append(c);
                }
                continue;
            }
            if (c == '"' && field.Length == 0) inQuotes = true;
            else if (c == delimiter) { fields.Add(field.ToString()); field.Clear(); }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                fields.Add(field.ToString());
                field.Clear();
                records.Add((recordLine, fields));
                fields = [];
                line++;
                recordLine = line;
            }
            else field.Append(c);
        }
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add((recordLine, fields));
        }
        return records.Where(r => !(r.Item2.Count == 1 && r.Item2[0].Length == 0)).ToList();
    }
}
