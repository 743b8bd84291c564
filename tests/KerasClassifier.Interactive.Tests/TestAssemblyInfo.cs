// Layer names come from a process-wide counter and the formatters from a process-wide registry,
// so the tests run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
