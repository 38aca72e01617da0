namespace Gatho.TestSupport.Skipping;

/// <summary>A precondition of a test class, such as an installed server binary.</summary>
public interface ITestPrecondition
{
    /// <summary>Null when the precondition holds; otherwise why the tests are skipped.</summary>
    string? MissingReason { get; }
}

/// <summary>
/// Reports every test of the class (inherited ones included) as skipped with the precondition's reason when it does
/// not hold. Needs <see cref="SkippingTestFramework"/> as the assembly's test framework: xunit 2 has no dynamic skip.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class SkipUnlessAttribute : Attribute
{
    /// <param name="precondition">A type implementing <see cref="ITestPrecondition"/> with a public parameterless constructor.</param>
    public SkipUnlessAttribute(Type precondition)
    {
        Precondition = precondition;
    }

    public Type Precondition { get; }
}
