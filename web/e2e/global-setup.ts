import { makeDemo, startServer, REVIEW } from './server'

export default async function globalSetup(): Promise<void> {
  const dir = makeDemo()
  await startServer(dir, REVIEW)
}
