/**
 * Stands in, inside a story, for EasyRouter's hosted liveness page: the person "passes",
 * "fails" or "cancels", the simulator redirects to the handler's callback, and the page reads
 * its verification again, as it would on coming back from the real page.
 */
import type { QueryClient } from '@tanstack/react-query'
import type { InPageBackend } from './backend.ts'

export function SimulatedLiveness({
  url,
  backend,
  queryClient,
  onDone,
}: {
  url: string
  backend: InPageBackend
  queryClient: QueryClient
  onDone: () => void
}) {
  const finish = async (outcome: 'pass' | 'fail' | 'cancel') => {
    await backend.completeLiveness(url, outcome)
    onDone()
    await queryClient.invalidateQueries()
  }
  return (
    <section className="lk-story-liveness" aria-label="Simulated liveness page">
      <p>
        <strong>Simulated liveness page.</strong> In an app this is EasyRouter&rsquo;s hosted face
        check; here you choose how it ends.
      </p>
      <div className="lk-story-liveness-actions">
        {(['pass', 'fail', 'cancel'] as const).map((outcome) => (
          <button
            key={outcome}
            type="button"
            className="lk-button"
            data-variant={outcome === 'pass' ? 'primary' : 'secondary'}
            onClick={() => void finish(outcome)}
          >
            {outcome === 'pass' ? 'Pass the check' : outcome === 'fail' ? 'Fail it' : 'Cancel'}
          </button>
        ))}
      </div>
    </section>
  )
}
