using System.Reflection;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Gatho.TestSupport.Skipping;

/// <summary>
/// xunit's own framework, except that test methods of a class marked <see cref="SkipUnlessAttribute"/> whose
/// precondition fails are discovered as skipped test cases carrying the reason (never silently passed). Enable with
/// <c>[assembly: TestFramework("Gatho.TestSupport.Skipping.SkippingTestFramework", "Gatho.TestSupport")]</c>.
/// </summary>
public sealed class SkippingTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    protected override ITestFrameworkDiscoverer CreateDiscoverer(IAssemblyInfo assemblyInfo) =>
        new Discoverer(assemblyInfo, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Discoverer(IAssemblyInfo assemblyInfo, ISourceInformationProvider sourceProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkDiscoverer(assemblyInfo, sourceProvider, diagnosticMessageSink)
    {
        protected override bool FindTestsForMethod(ITestMethod testMethod, bool includeSourceInformation, IMessageBus messageBus, ITestFrameworkDiscoveryOptions discoveryOptions)
        {
            var isTest = testMethod.Method.GetCustomAttributes(typeof(FactAttribute)).Any();
            if (isTest && SkipReason(testMethod.TestClass.Class) is { } reason)
            {
                var testCase = new XunitSkippedDataRowTestCase(
                    DiagnosticMessageSink,
                    discoveryOptions.MethodDisplayOrDefault(),
                    discoveryOptions.MethodDisplayOptionsOrDefault(),
                    testMethod,
                    reason);
                return ReportDiscoveredTestCase(testCase, includeSourceInformation, messageBus);
            }

            return base.FindTestsForMethod(testMethod, includeSourceInformation, messageBus, discoveryOptions);
        }

        private static string? SkipReason(ITypeInfo testClass)
        {
            foreach (var attribute in testClass.GetCustomAttributes(typeof(SkipUnlessAttribute)))
            {
                var type = attribute.GetConstructorArguments().OfType<Type>().Single();
                var precondition = (ITestPrecondition)Activator.CreateInstance(type)!;
                if (precondition.MissingReason is { } reason)
                {
                    return reason;
                }
            }

            return null;
        }
    }
}
