/**
 * A named property of bot state: what BotState.createProperty() gives, with the same semantics (the default value
 * is copied into state the first time it is read), written as native async functions.
 *
 * Why not botbuilder's own accessor: its ES2015 build makes a fresh generator function per call, which keeps the
 * turn's context and state alive until V8's next full collection; native async functions do not (docs/performance.md,
 * "What a turn leaves behind").
 */
import type { BotState, StatePropertyAccessor, TurnContext } from 'botbuilder';

export class StateProperty<T> implements StatePropertyAccessor<T> {
  constructor(
    private readonly state: BotState,
    readonly name: string,
  ) {}

  get(context: TurnContext): Promise<T | undefined>;
  get(context: TurnContext, defaultValue: T): Promise<T>;
  async get(context: TurnContext, defaultValue?: T): Promise<T | undefined> {
    const properties = (await this.state.load(context)) as Record<string, unknown>;
    if (!Object.hasOwn(properties, this.name) && defaultValue !== undefined) {
      // A copy, so a turn that changes it cannot change the default for every later conversation.
      properties[this.name] =
        typeof defaultValue === 'object' && defaultValue !== null
          ? JSON.parse(JSON.stringify(defaultValue))
          : defaultValue;
    }
    return properties[this.name] as T | undefined;
  }

  async set(context: TurnContext, value: T): Promise<void> {
    const properties = (await this.state.load(context)) as Record<string, unknown>;
    properties[this.name] = value;
  }

  async delete(context: TurnContext): Promise<void> {
    const properties = (await this.state.load(context)) as Record<string, unknown>;
    delete properties[this.name];
  }
}
