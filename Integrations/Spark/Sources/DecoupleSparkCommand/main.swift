import DecoupleCLI
import DecoupleSpark

// `decouple` with Spark support: the main package's command tree, with `--engine spark`.
SparkEngineRegistration.register()
await DecoupleCLI.main()
