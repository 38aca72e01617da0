// Classes marked [SkipUnless] (the Mono test) are reported skipped with their reason when the precondition fails.
[assembly: TestFramework("Gatho.TestSupport.Skipping.SkippingTestFramework", "Gatho.TestSupport")]
