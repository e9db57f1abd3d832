// The analyses layer is the one door to the features: the CLI, the server and the rendering
// layer import DecoupleAnalyses and reach the feature types that its documents carry through it,
// never a feature module directly (Tests/DecoupleArchitectureTests checks this).
@_exported import DecoupleCore
@_exported import DecoupleTrade
@_exported import DecoupleInputOutput
@_exported import DecoupleMinerals
@_exported import DecouplePolicy
@_exported import DecoupleInstrumentChoice
@_exported import DecoupleScenarios
@_exported import DecoupleFetch
