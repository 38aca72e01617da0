namespace Gatho.Benchmarks.Rooms;

/// <summary>A typical small game input: the same fields as the JSON text frame the frame benchmarks decode.</summary>
/// <param name="X">Horizontal position.</param>
/// <param name="Y">Vertical position.</param>
/// <param name="Tick">The client's simulation tick.</param>
public sealed record Move(float X, float Y, int Tick);

/// <summary>A typical small state update a room broadcasts.</summary>
/// <param name="Tick">The room's simulation tick.</param>
/// <param name="Player">Whose position changed.</param>
/// <param name="X">Horizontal position.</param>
/// <param name="Y">Vertical position.</param>
public sealed record Moved(int Tick, string Player, float X, float Y);
