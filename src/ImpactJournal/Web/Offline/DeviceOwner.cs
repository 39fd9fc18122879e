using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using ImpactJournal.Access;

namespace ImpactJournal.Web;

/// <summary>
/// Whose entries wait on a device: a one-way mark of the signed-in person, kept with each entry saved with no signal.
/// If a session ends without signing out and someone else signs in on the same phone, the service worker sends only
/// the entries of the person now signed in, and the pages list only theirs.
/// </summary>
public static class DeviceOwner
{
    public static string? Of(ClaimsPrincipal user) => ActingSubject.Of(user) is { } subject
        ? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"impactjournal-device:{subject}")))[..32]
        : null;
}
