import DecoupleSpark

// Placeholder until DecoupleCLI lands in the main package.
print("decouple (Spark)")
