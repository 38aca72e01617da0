[assembly: TestFramework("Gatho.TestSupport.Skipping.SkippingTestFramework", "Gatho.TestSupport")]
