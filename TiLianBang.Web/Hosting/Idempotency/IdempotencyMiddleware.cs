using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Data;
using TiLianBang.Core.Idempotency;
using TiLianBang.Core.Localization;

namespace TiLianBang.Web.Hosting.Idempotency;

/// <summary>
/// Honours <c>Idempotency-Key</c> on API writes. The mini-program's outbox sends a write, gets no answer (a pit, a
/// machine room) and sends it again later with the same key; the write must happen exactly once.
/// <list type="bullet">
/// <item>The key's record joins the request's own DbContext before the endpoint runs, so it commits in the same
/// transaction as the write: a duplicate sent at the same moment fails on the unique index and rolls back with it.</item>
/// <item>A completed request is answered again from the stored answer (<c>Idempotent-Replayed: true</c>).</item>
/// <item>A record without an answer is either still running (409 <c>request.in_progress</c>, retry) or, after
/// <see cref="AnswerLostAfter"/>, a write that committed while its answer was lost (409
/// <c>request.already_applied</c>: done, nothing to repeat).</item>
/// <item>A refusal that wrote nothing is not kept, so the same key may be sent again after, e.g., a new sign-in.</item>
/// </list>
/// </summary>
public sealed partial class IdempotencyMiddleware(RequestDelegate next, TimeProvider clock, ILogger<IdempotencyMiddleware> logger)
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public static readonly TimeSpan AnswerLostAfter = TimeSpan.FromMinutes(2);
    private const int MaxStoredAnswerBytes = 256 * 1024;

    public static bool Applies(HttpContext context) =>
        context.Request.Headers.ContainsKey(HeaderName)
        && context.Request.Path.StartsWithSegments("/api/v1")
        && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && !HttpMethods.IsOptions(context.Request.Method);

    public async Task InvokeAsync(HttpContext context, CurrentActor actor, TiLianBangDbContext db)
    {
        // Anonymous routes (sign-in) have nothing to repeat safely per account; authorisation already ran.
        if (actor.AccountId is not { } accountId)
        {
            await next(context);
            return;
        }
        var key = context.Request.Headers[HeaderName].ToString();
        if (key.Length is 0 or > IdempotentRequest.MaxKeyLength || key.Any(c => c is < '!' or > '~'))
        {
            await ProblemAsync(context, 400, "request.idempotency_key", "Idempotency-Key 应为 1–100 个可见 ASCII 字符。");
            return;
        }

        var hash = await HashAsync(context.Request);
        var existing = await db.IdempotentRequests.AsNoTracking().SingleOrDefaultAsync(r => r.AccountId == accountId && r.Key == key, context.RequestAborted);
        if (existing is not null)
        {
            await AnswerExistingAsync(context, existing, hash);
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var record = new IdempotentRequest
        {
            AccountId = accountId,
            Key = key,
            Method = context.Request.Method,
            Path = Truncate(context.Request.Path.Value ?? "", 400),
            RequestHash = hash,
            CreatedAtUtc = now,
        };
        db.IdempotentRequests.Add(record);

        var original = context.Response.Body;
        using var captured = new MemoryStream();
        context.Response.Body = captured;
        try
        {
            await next(context);
        }
        catch (DbUpdateException e)
        {
            if (!await SameKeyCommittedAsync(db, record))
            {
                throw;
            }
            // Sent twice at once: the other request holds the key, this one's write rolled back with the key.
            LogArrivedTwice(logger, e, accountId);
            context.Response.Body = original;
            context.Response.Clear();
            await ProblemAsync(context, 409, "request.in_progress", "同一请求正在处理，请稍后重试。", retryAfterSeconds: 2);
            return;
        }
        finally
        {
            context.Response.Body = original;
        }

        var status = context.Response.StatusCode;
        var savedWithWrite = db.Entry(record).State == EntityState.Unchanged;
        if (savedWithWrite || status is >= 200 and < 300)
        {
            record.CompletedAtUtc = clock.GetUtcNow().UtcDateTime;
            record.StatusCode = status;
            record.ContentType = context.Response.ContentType;
            record.Location = context.Response.Headers.Location.ToString() is { Length: > 0 and <= 400 } location ? location : null;
            record.ResponseBody = captured.Length <= MaxStoredAnswerBytes ? captured.ToArray() : null;
            try
            {
                await db.SaveChangesAsync(CancellationToken.None);
            }
            catch (DbUpdateException e)
            {
                // The write is done and answered; a replay will say "already applied" instead of the stored answer.
                LogAnswerNotStored(logger, e, accountId);
            }
        }
        else
        {
            db.Entry(record).State = EntityState.Detached;
        }
        captured.Position = 0;
        await captured.CopyToAsync(original, CancellationToken.None);
    }

    private async Task AnswerExistingAsync(HttpContext context, IdempotentRequest existing, string hash)
    {
        if (!string.Equals(existing.RequestHash, hash, StringComparison.Ordinal))
        {
            await ProblemAsync(context, 422, "request.idempotency_key_reused", "此 Idempotency-Key 已用于另一个请求。");
            return;
        }
        if (existing.CompletedAtUtc is null || existing.StatusCode is null)
        {
            if (clock.GetUtcNow().UtcDateTime - existing.CreatedAtUtc < AnswerLostAfter)
            {
                await ProblemAsync(context, 409, "request.in_progress", "同一请求正在处理，请稍后重试。", retryAfterSeconds: 2);
            }
            else
            {
                await ProblemAsync(context, 409, "request.already_applied", "此请求已处理，无需重复提交。");
            }
            return;
        }
        if (existing.ResponseBody is null)
        {
            await ProblemAsync(context, 409, "request.already_applied", "此请求已处理，无需重复提交。");
            return;
        }
        context.Response.StatusCode = existing.StatusCode.Value;
        context.Response.Headers[ReplayedHeader] = "true";
        if (existing.ContentType is not null)
        {
            context.Response.ContentType = existing.ContentType;
        }
        if (existing.Location is not null)
        {
            context.Response.Headers.Location = existing.Location;
        }
        await context.Response.Body.WriteAsync(existing.ResponseBody, context.RequestAborted);
    }

    private static async Task<bool> SameKeyCommittedAsync(TiLianBangDbContext db, IdempotentRequest record)
    {
        db.Entry(record).State = EntityState.Detached;
        return await db.IdempotentRequests.AsNoTracking().AnyAsync(r => r.AccountId == record.AccountId && r.Key == record.Key);
    }

    private static async Task<string> HashAsync(HttpRequest request)
    {
        // Photos make bodies of megabytes: buffered to disk past 30 KB, read once for the hash, then by the endpoint.
        request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var buffer = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0)
        {
            sha.AppendData(buffer, 0, read);
        }
        request.Body.Position = 0;
        return Convert.ToHexString(sha.GetHashAndReset());
    }

    private static async Task ProblemAsync(HttpContext context, int status, string code, string chinese, int? retryAfterSeconds = null)
    {
        if (retryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }
        var title = CoreTexts.Show(chinese, CultureInfo.CurrentUICulture);
        await TypedResults.Problem(statusCode: status, title: title, detail: title,
            extensions: new Dictionary<string, object?> { ["code"] = code }).ExecuteAsync(context);
    }

    [LoggerMessage(LogLevel.Information, "An Idempotency-Key of account {AccountId} arrived twice at once; the second was refused")]
    private static partial void LogArrivedTwice(ILogger logger, Exception exception, int accountId);

    [LoggerMessage(LogLevel.Warning, "The answer to an Idempotency-Key of account {AccountId} was not stored")]
    private static partial void LogAnswerNotStored(ILogger logger, Exception exception, int accountId);

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
