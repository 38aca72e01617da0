namespace Gatho.Client.Reconnection;

/// <summary>
/// The resume budget of one client (gatho-behaviour §4.1): the attempt counter with its backoff and jitter, reset by a
/// successful resume or by a connection that stayed up for <see cref="ReconnectionPolicy.MinUptime"/>, and the run of
/// refused connections that says the room process is gone. Used by the <see cref="ReconnectLoop"/> under its lock.
/// </summary>
internal sealed class ResumeBackoff
{
    private readonly ReconnectionPolicy policy;
    private readonly Func<double> jitter;
    private int attempts;
    private int refusalsInARow;

    public ResumeBackoff(ReconnectionPolicy policy, Func<double> jitter)
    {
        this.policy = policy;
        this.jitter = jitter;
    }

    /// <summary>Refused connections in a row so far.</summary>
    public int RefusalsInARow => refusalsInARow;

    /// <summary>The session is back: the next drop starts from the first delay.</summary>
    public void Resumed()
    {
        attempts = 0;
        refusalsInARow = 0;
    }

    /// <summary>The connection stayed open long enough: the next drop starts from the first delay.</summary>
    public void StayedUp() => attempts = 0;

    /// <summary>
    /// The delay before the next attempt, given that the last one was <paramref name="refused"/> (nothing listening), or
    /// why there is none: the room is gone, or every attempt is spent.
    /// </summary>
    public Step Next(bool refused)
    {
        refusalsInARow = refused ? refusalsInARow + 1 : 0;
        if (refusalsInARow >= policy.RoomGoneAfterRefusals)
        {
            return new Step(Verdict.RoomGone, 0, TimeSpan.Zero);
        }

        if (attempts >= policy.MaxAttempts)
        {
            return new Step(Verdict.Exhausted, attempts, TimeSpan.Zero);
        }

        attempts++;
        var sample = jitter();
        var delay = policy.DelayFor(attempts, sample >= 0 && sample < 1 ? sample : 0.5);
        if (refused && delay > policy.RefusedRetryDelay)
        {
            // A refusal is answered at once, so waiting out the backoff only delays the verdict.
            delay = policy.RefusedRetryDelay;
        }

        return new Step(Verdict.Retry, attempts, delay);
    }

    /// <summary>What <see cref="Next"/> decided.</summary>
    public enum Verdict
    {
        Retry,
        RoomGone,
        Exhausted,
    }

    /// <summary>The verdict, the attempt number (from 1) and the delay before it.</summary>
    public readonly record struct Step(Verdict Verdict, int Attempt, TimeSpan Delay);
}
