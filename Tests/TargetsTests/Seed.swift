// Seed file so the target builds; replaced by real tests.
import Testing
