import DecoupleCLI

// The default build: the local panel store is the only trade engine.
await DecoupleCLI.main()
