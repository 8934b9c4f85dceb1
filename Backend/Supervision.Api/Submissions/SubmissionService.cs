using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Supervision.Api.Hosting;
using Supervision.Api.Storage;
using Supervision.Domain.Campaigns;
using Supervision.Domain.Forms;
using Supervision.Workbooks.Reading;

namespace Supervision.Api.Submissions;

/// <summary>The outcome of a submission, mapped to HTTP by <see cref="SubmissionsApi"/>.</summary>
public abstract record SubmitOutcome
{
    public sealed record Stored(IReadOnlyList<SubmissionReceipt> Receipts) : SubmitOutcome;

    /// <summary>The upload itself was refused before any form was read (preflight).</summary>
    public sealed record Refused(UploadRefusal Refusal) : SubmitOutcome;

    /// <summary>At least one form has an error: nothing was stored.</summary>
    public sealed record Invalid(IReadOnlyList<FormReading> Forms) : SubmitOutcome;

    public sealed record Forbidden(string Message) : SubmitOutcome;

    public sealed record Conflict(string Message) : SubmitOutcome;

    public sealed record StaleVersion(string Message) : SubmitOutcome;
}

/// <summary>
/// Validates an uploaded workbook and stores one submission per form sheet, at
/// <c>{campaign}/{form}/{subject}/{author}.xlsx</c>, with a receipt per stored version.
/// </summary>
public sealed class SubmissionService(IFileStore store, TimeProvider clock, WorkbookReadGate reads, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> KeyLocks = new(StringComparer.Ordinal);
    private readonly JsonSerializerOptions serializer = json.Value.SerializerOptions;

    private sealed record IdempotencyRecord(string RequestHash, IReadOnlyList<SubmissionReceipt> Receipts);

    public async Task<SubmitOutcome> SubmitAsync(Campaign campaign, ReadOnlyMemory<byte> workbook, string? sheet, RosterEntry? user,
        string submittedBy, string? idempotencyKey, string? ifMatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        if (string.IsNullOrWhiteSpace(idempotencyKey))
        {
            return await StoreAsync(campaign, workbook, sheet, user, submittedBy, ifMatch, cancellationToken).ConfigureAwait(false);
        }

        // A retried request with the same key (same person, same bytes) gets the first answer and stores nothing new.
        var keyHash = Hash($"{submittedBy}\n{idempotencyKey.Trim()}")[..32];
        var requestHash = Hash($"{sheet}\n{ifMatch}\n") + Convert.ToHexStringLower(SHA256.HashData(workbook.Span));
        var recordPath = StorePaths.Combine(campaign.Id, "idempotency", keyHash + ".json");
        var gate = KeyLocks.GetOrAdd(keyHash, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (await store.ReadAsync(recordPath, cancellationToken).ConfigureAwait(false) is { } existing)
            {
                var record = JsonSerializer.Deserialize<IdempotencyRecord>(existing.Bytes, serializer)!;
                return record.RequestHash == requestHash
                    ? new SubmitOutcome.Stored(record.Receipts)
                    : new SubmitOutcome.Conflict("这个 Idempotency-Key 已用于另一次不同的提交，请为新的提交使用新的键。");
            }

            var outcome = await StoreAsync(campaign, workbook, sheet, user, submittedBy, ifMatch, cancellationToken).ConfigureAwait(false);
            if (outcome is SubmitOutcome.Stored stored)
            {
                var bytes = JsonSerializer.SerializeToUtf8Bytes(new IdempotencyRecord(requestHash, stored.Receipts), serializer);
                await store.WriteAsync(recordPath, bytes, WriteCondition.MustNotExist, cancellationToken).ConfigureAwait(false);
            }

            return outcome;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<SubmitOutcome> StoreAsync(Campaign campaign, ReadOnlyMemory<byte> workbook, string? sheet, RosterEntry? user,
        string submittedBy, string? ifMatch, CancellationToken cancellationToken)
    {
        var check = await reads.RunAsync(() => WorkbookChecker.Check(workbook, campaign, sheet), cancellationToken).ConfigureAwait(false);
        if (check.Refusal is { } refusal)
        {
            return new SubmitOutcome.Refused(refusal);
        }

        if (check.Forms.Any(f => f.HasErrors || f.Form is null))
        {
            return new SubmitOutcome.Invalid(check.Forms);
        }

        var plans = new List<(FormReading Reading, string Author)>();
        foreach (var reading in check.Forms)
        {
            var decision = SubmissionPolicy.Decide(campaign, user, reading);
            if (!decision.Allowed)
            {
                return new SubmitOutcome.Forbidden(decision.Refusal!);
            }

            if (reading.Subject is null || decision.Author is null)
            {
                return new SubmitOutcome.Forbidden($"工作表“{reading.Sheet}”无法确定评估对象或填写人，请检查表头。");
            }

            plans.Add((reading, decision.Author));
        }

        if (ifMatch is not null && plans.Count != 1)
        {
            return new SubmitOutcome.Conflict($"If-Match 只能用于只含一张表的提交，此工作簿含 {plans.Count} 张表；请用 ?sheet= 指定工作表。");
        }

        var receipts = new List<SubmissionReceipt>();
        foreach (var (reading, author) in plans)
        {
            var form = reading.Form!.Value.Slug();
            var path = StorePaths.Combine(campaign.Id, form, reading.Subject!, author + ".xlsx");
            StoredFile stored;
            try
            {
                var condition = ifMatch is null ? WriteCondition.Any : WriteCondition.IfMatch(ifMatch);
                stored = await store.WriteAsync(path, workbook, condition, cancellationToken).ConfigureAwait(false);
            }
            catch (VersionConflictException conflict)
            {
                return new SubmitOutcome.StaleVersion(
                    $"工作表“{reading.Sheet}”已有更新的版本（{conflict.Actual ?? "无"}），提交时所依据的版本是 {conflict.Expected ?? "无"}。请重新下载最新版本后再提交。");
            }

            var receipt = new SubmissionReceipt(NewId(), form, reading.Sheet, reading.Subject!, author, submittedBy, stored.Version,
                stored.StoredAt, path, reading.Summary.Complete, reading.Issues);
            var receiptPath = StorePaths.Combine(campaign.Id, "receipts", $"{stored.StoredAt.UtcDateTime:yyyyMMddTHHmmssfff}-{receipt.Id}.json");
            await store.WriteAsync(receiptPath, JsonSerializer.SerializeToUtf8Bytes(receipt, serializer), WriteCondition.MustNotExist, cancellationToken)
                .ConfigureAwait(false);
            receipts.Add(receipt);
        }

        return new SubmitOutcome.Stored(receipts);
    }

    /// <summary>Every receipt of the campaign this user may see, newest first.</summary>
    public async Task<IReadOnlyList<SubmissionReceipt>> ListAsync(Campaign campaign, RosterEntry? user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        if (user is null)
        {
            return [];
        }

        var receipts = new List<SubmissionReceipt>();
        foreach (var file in await store.ListAsync(StorePaths.Combine(campaign.Id, "receipts"), cancellationToken).ConfigureAwait(false))
        {
            if (await store.ReadAsync(file.Path, cancellationToken).ConfigureAwait(false) is { } content
                && JsonSerializer.Deserialize<SubmissionReceipt>(content.Bytes, serializer) is { } receipt
                && Visible(user, receipt))
            {
                receipts.Add(receipt);
            }
        }

        return receipts.OrderByDescending(r => r.StoredAt).ThenByDescending(r => r.Id, StringComparer.Ordinal).ToList();
    }

    private static bool Visible(RosterEntry user, SubmissionReceipt receipt) => user.Role switch
    {
        Role.Office => true,
        Role.School => receipt.Author == user.SchoolId || string.Equals(receipt.SubmittedBy, user.Upn, StringComparison.OrdinalIgnoreCase),
        _ => receipt.Author == user.Upn || string.Equals(receipt.SubmittedBy, user.Upn, StringComparison.OrdinalIgnoreCase),
    };

    private string NewId() => $"{clock.GetUtcNow().UtcDateTime:yyyyMMddHHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
