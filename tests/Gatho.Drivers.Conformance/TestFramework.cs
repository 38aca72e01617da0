// Store-backed conformance classes report skipped (with the reason) when their server binary is not installed.
[assembly: TestFramework("Gatho.TestSupport.Skipping.SkippingTestFramework", "Gatho.TestSupport")]
