using System.Security.Cryptography;
using System.Text;

namespace MediaSync.Durable.Engine;

/// <summary>Deterministic ids for messages and executions, so re-sends and replays produce the same ids and receivers can drop duplicates.</summary>
internal static class MessageIds
{
    public static string For(string fromInstance, string fromExecution, string kind, int eventId, int index = 0)
    {
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{fromInstance}|{fromExecution}|{kind}|{eventId}|{index}"));
        return Convert.ToBase64String(hash).Replace('+', '-').Replace('/', '_')[..22];
    }

    public static string NewClientId() => Guid.NewGuid().ToString("N");

    /// <summary>The execution id of a child started by a parent's step, or of the execution after a ContinueAsNew.</summary>
    public static string ExecutionFor(string fromInstance, string fromExecution, string kind, int eventId) =>
        new Guid(SHA256.HashData(Encoding.UTF8.GetBytes($"{fromInstance}|{fromExecution}|{kind}|{eventId}"))[..16]).ToString("N");
}
