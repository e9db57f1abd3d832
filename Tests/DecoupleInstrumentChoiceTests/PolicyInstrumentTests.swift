import Testing
@testable import DecoupleInstrumentChoice

@Suite struct PolicyInstrumentTests {
    @Test func tableTwoOfTheFramework() {
        #expect(CompetitivePosition.advantage.predictedInstruments.contains(.exportControls))
        #expect(CompetitivePosition.disadvantage.predictedInstruments == [.importSubstitution, .restrictiveSubsidies, .allySubstitution])
        #expect(Set(CompetitivePosition.advantage.predictedInstruments).isDisjoint(with: CompetitivePosition.disadvantage.predictedInstruments))
    }
}
