// Layer names come from a process-wide counter and weights from libtorch's global generator, so
// tests that check default names or seeded values run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
