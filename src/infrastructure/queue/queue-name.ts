/** Queues in Redis. Every job goes through the outbox first; these only execute. */
export enum QueueName {
  Main = 'main',
}
