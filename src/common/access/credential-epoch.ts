/**
 * The current credential epoch. Sessions and API keys record the epoch they were issued in and
 * stop working when it moves on — which is how lockdown ends every credential at once.
 */
export abstract class CredentialEpoch {
  abstract current(): Promise<number>;
}
