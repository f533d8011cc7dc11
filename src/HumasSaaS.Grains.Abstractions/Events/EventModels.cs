
namespace HumasSaaS.Events;

public enum EventType { Rakor, Bakohumas, CoffeeMorning, Expo, Forum, Bimtek, PressConference, StudyVisit }

public enum EventStatus { Draft, Published, Ongoing, Closed, Cancelled }

/// <summary>Invitation categories (DOMAIN.md "Events").</summary>
public enum ParticipantCategory { Opd, Kecamatan, DesaKelurahan, Upt, VerticalAgency, Media, Organisation, Other }

public enum AttendanceMode { InPerson, Online }

public enum ParticipantSource { Invitation, Registration, Import, WalkIn }

public enum CheckInMethod { Qr, Code, Name, WalkIn }

/// <summary>How VIPs of equal rank are ordered: by the position's place in the precedence table, then by name; or by name; or by registration.</summary>
public enum TieBreak { TableOrder, Alphabetical, Registration }

public sealed record RundownItem(int Day, TimeOnly Start, TimeOnly End, string Item, string? Speaker = null, string? PersonInCharge = null, string? Note = null);

/// <summary>The event entity's state, stored as one jsonb row with a version.</summary>
public sealed record EventState(
    EventType Type,
    string Title,
    string? Description,
    string? OrganisingUnit,
    string? Venue,
    string? OnlineLink,
    IReadOnlyList<DateOnly> Days,
    int? Capacity,
    EventStatus Status,
    bool RegistrationOpen,
    IReadOnlyList<ParticipantCategory> InvitedCategories,
    IReadOnlyList<RundownItem> Rundown,
    TieBreak TieBreak,
    string? CancelReason)
{
    /// <summary>Stored for listing and the calendar (indexed); derived from <see cref="Days"/>.</summary>
    public DateOnly FirstDay => Days.Count > 0 ? Days[0] : default;
}

/// <summary>What staff set when creating or editing an event.</summary>
public sealed record EventDetails(
    EventType Type,
    string Title,
    IReadOnlyList<DateOnly> Days,
    string? Description = null,
    string? OrganisingUnit = null,
    string? Venue = null,
    string? OnlineLink = null,
    int? Capacity = null,
    bool RegistrationOpen = true,
    IReadOnlyList<ParticipantCategory>? InvitedCategories = null,
    TieBreak TieBreak = TieBreak.TableOrder);

public sealed record CreateEventRequest(EventDetails Event, string? TemplateCode = null);

public sealed record UpdateEventRequest(int Version, EventDetails Event);

public sealed record ReplaceRundownRequest(int Version, IReadOnlyList<RundownItem> Items);

public sealed record VersionRequest(int Version);

public sealed record CancelEventRequest(int Version, string Reason);

public sealed record EventResponse(Guid Id, int Version, EventState Event, int ParticipantCount, string PublicRegistrationPath);

public sealed record EventSummary(Guid Id, EventType Type, string Title, EventStatus Status, IReadOnlyList<DateOnly> Days, string? Venue, int? Capacity, int ParticipantCount);

/// <summary>One person to add: by invitation (staff), public registration, CSV row or walk-in.</summary>
public sealed record ParticipantInput(
    string Name,
    ParticipantCategory Category,
    string? Institution = null,
    string? Position = null,
    string? Phone = null,
    string? Email = null,
    AttendanceMode AttendanceMode = AttendanceMode.InPerson);

public sealed record InviteRequest(IReadOnlyList<ParticipantInput> People);

public sealed record WalkInRequest(ParticipantInput Person, int Day);

public sealed record CheckInRequest(string Code, int Day, CheckInMethod Method = CheckInMethod.Code);

public sealed record SetProtocolRequest(bool IsVip, string? PrecedenceCode = null, string? Represents = null);

public sealed record Participant(
    Guid Id,
    Guid EventId,
    string Code,
    string Name,
    string? Institution,
    string? Position,
    ParticipantCategory Category,
    string? Phone,
    string? Email,
    AttendanceMode AttendanceMode,
    ParticipantSource Source,
    bool IsVip,
    string? PrecedenceCode,
    string? Represents,
    DateTime CreatedAt,
    IReadOnlyList<int> DaysPresent);

public sealed record ParticipantCreated(Guid Id, string Code, string Name, string TicketPath);

public sealed record CheckInResult(bool AlreadyPresent, string Message, int Day, DateTime CheckedInAt, Guid ParticipantId, string Code, string Name, string? Institution, int PresentToday);

public sealed record ImportRowError(int Line, IReadOnlyList<string> Messages);

public sealed record ImportResult(int Imported, IReadOnlyList<ParticipantCreated> Participants, IReadOnlyList<ImportRowError> Errors);

public sealed record DayAttendance(int Day, DateOnly Date, int Present, IReadOnlyDictionary<string, int> ByCategory);

public sealed record AttendanceResponse(int Participants, IReadOnlyDictionary<string, int> ParticipantsByCategory, IReadOnlyList<DayAttendance> Days);

public sealed record Material(Guid Id, Guid EventId, string Title, string FileName, string ContentType, long Length, string Sha256, DateTime UploadedAt, string UploadedBy);

public sealed record PublicEvent(Guid Id, EventType Type, string Title, string? Description, string? Venue, string? OnlineLink, IReadOnlyList<DateOnly> Days,
    EventStatus Status, bool RegistrationOpen, IReadOnlyList<ParticipantCategory> Categories, IReadOnlyList<RundownItem> Rundown, int? SeatsLeft);

public sealed record PublicRegistrationRequest(
    string Name,
    ParticipantCategory Category,
    string? Institution = null,
    string? Position = null,
    string? Phone = null,
    string? Email = null,
    AttendanceMode AttendanceMode = AttendanceMode.InPerson);

public sealed record Ticket(Guid TicketId, string Code, string Name, string? Institution, string? Position, ParticipantCategory Category,
    AttendanceMode AttendanceMode, Guid EventId, string EventTitle, IReadOnlyList<DateOnly> Days, string? Venue, string? OnlineLink, EventStatus EventStatus);

/// <summary>Snake-case enum text as stored in child rows (same words as the JSON API).</summary>
public static class EnumText
{
    public static string Of<T>(T value) where T : struct, Enum => EntityJson.EnumText(value);

    public static T Parse<T>(string text) where T : struct, Enum
    {
        foreach (var value in Enum.GetValues<T>())
            if (EntityJson.EnumText(value) == text) return value;
        throw new InvalidOperationException($"Unknown {typeof(T).Name} '{text}'");
    }

    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        foreach (var v in Enum.GetValues<T>())
            if (EntityJson.EnumText(v) == text) { value = v; return true; }
        value = default;
        return false;
    }
}

/// <summary>Event words; the texts live in <see cref="Words"/>.</summary>
public static class EventLabels
{
    public static string Of(EventType t) => Words.Of(t);
    public static string Of(EventStatus s) => Words.Of(s);
    public static string Of(ParticipantCategory c) => Words.Of(c);
    public static string Of(AttendanceMode m) => Words.Of(m);
    public static string Of(ParticipantSource s) => Words.Of(s);
}
