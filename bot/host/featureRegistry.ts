import {
  type ActionHandler,
  type FeatureHost,
  type FileConsentHandler,
  type FileSender,
  type FeatureModule,
  type InstallHandler,
  type MessageHandler,
  type MessageTurn,
  type ProactiveSender,
} from './featureHost.ts';

export interface MessageRoute {
  feature: string;
  pattern: RegExp;
  handler: MessageHandler;
}

/**
 * Collects what feature modules register, in order, so the wiring can hand it to the SDK (and tests can
 * dispatch to it without one). The proactive sender is bound once the adapter exists; features may hold
 * `host.proactive` from registration time because it forwards to whatever is bound.
 */
export class FeatureRegistry {
  readonly routes: MessageRoute[] = [];
  readonly actions = new Map<string, { feature: string; handler: ActionHandler }>();
  readonly installHandlers: InstallHandler[] = [];
  readonly uninstallHandlers: InstallHandler[] = [];
  readonly fileConsents = new Map<string, { feature: string; handler: FileConsentHandler }>();
  unmatched?: { feature: string; handler: (turn: MessageTurn) => Promise<void> };
  private sender?: ProactiveSender;
  private fileSender?: FileSender;

  readonly proactive: ProactiveSender = {
    send: async (reference, message) => this.boundSender().send(reference, message),
    update: async (reference, activityId, message) => this.boundSender().update(reference, activityId, message),
  };

  readonly files: FileSender = {
    openPersonalChat: async (user, via) => this.boundFileSender().openPersonalChat(user, via),
    offerFile: async (reference, offer, text) => this.boundFileSender().offerFile(reference, offer, text),
  };

  /** Binds the real file sender (done by the wiring once the adapter exists). */
  bindFileSender(sender: FileSender): void {
    this.fileSender = sender;
  }

  /** Binds the real sender (done by the wiring once the adapter exists). */
  bindProactiveSender(sender: ProactiveSender): void {
    this.sender = sender;
  }

  /** Registers a module; its routes go after those of modules registered before it. */
  add(module: FeatureModule): this {
    module.register(this.hostFor(module.name));
    return this;
  }

  /** The first route whose anchored pattern matches, then the catch-all; false when nothing handles it. */
  async dispatchMessage(turn: MessageTurn): Promise<boolean> {
    for (const route of this.routes) {
      const match = turn.text.match(route.pattern);
      if (match) {
        await route.handler(turn, match);
        return true;
      }
    }
    if (!this.unmatched) return false;
    await this.unmatched.handler(turn);
    return true;
  }

  private boundSender(): ProactiveSender {
    if (!this.sender) throw new Error('proactive sends are not available until the bot is wired to an adapter');
    return this.sender;
  }

  private boundFileSender(): FileSender {
    if (!this.fileSender) throw new Error('file offers are not available until the bot is wired to an adapter');
    return this.fileSender;
  }

  private hostFor(feature: string): FeatureHost {
    return {
      onMessage: (pattern, handler) => {
        if (!pattern.source.startsWith('^') || !pattern.source.endsWith('$')) {
          throw new Error(
            `${feature}: message route ${pattern} must be anchored with ^ and $ so it cannot steal other features' messages`,
          );
        }
        if (pattern.global || pattern.sticky)
          throw new Error(
            `${feature}: message route ${pattern} must not be global or sticky (lastIndex would carry between turns)`,
          );
        this.routes.push({ feature, pattern, handler });
      },
      onUnmatchedMessage: (handler) => {
        if (this.unmatched)
          throw new Error(`${feature}: the catch-all message handler is already set by ${this.unmatched.feature}`);
        this.unmatched = { feature, handler };
      },
      onAction: (verb, handler) => {
        const existing = this.actions.get(verb);
        if (existing) throw new Error(`${feature}: action verb "${verb}" is already registered by ${existing.feature}`);
        this.actions.set(verb, { feature, handler });
      },
      onInstall: (handler) => void this.installHandlers.push(handler),
      onUninstall: (handler) => void this.uninstallHandlers.push(handler),
      onFileConsent: (purpose, handler) => {
        const existing = this.fileConsents.get(purpose);
        if (existing)
          throw new Error(`${feature}: file consent purpose "${purpose}" is already registered by ${existing.feature}`);
        this.fileConsents.set(purpose, { feature, handler });
      },
      proactive: this.proactive,
      files: this.files,
    };
  }
}
