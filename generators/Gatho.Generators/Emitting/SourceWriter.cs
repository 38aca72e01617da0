using System;
using System.Text;

namespace Gatho.Generators.Emitting;

/// <summary>An indented text writer for generated C# (the Roslyn cookbook's advice over SyntaxFactory).</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder builder = new();
    private int indent;

    /// <summary>Writes one line, or several separated by <c>\n</c>, each at the current indentation.</summary>
    public SourceWriter Line(string text = "")
    {
        foreach (var line in text.Split('\n'))
        {
            if (line.Length > 0)
            {
                builder.Append(' ', indent * 4);
            }

            builder.Append(line).Append('\n');
        }

        return this;
    }

    /// <summary>Writes <paramref name="header"/>, an opening brace, and indents until the returned scope is disposed.</summary>
    public IDisposable Block(string header)
    {
        Line(header);
        Line("{");
        indent++;
        return new Scope(this);
    }

    public override string ToString() => builder.ToString();

    private sealed class Scope : IDisposable
    {
        private readonly SourceWriter writer;

        public Scope(SourceWriter writer)
        {
            this.writer = writer;
        }

        public void Dispose()
        {
            writer.indent--;
            writer.Line("}");
        }
    }
}
