import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { SsoProblem } from '@upstand/contracts';
import { FeaturesService } from '../../core/features.service';

interface Explanation {
  heading: string;
  paragraphs: string[];
}

/** What went wrong with single sign-on, in plain English (the API's callback sends people here with a reason). */
export function explainSsoProblem(reason: string | undefined, provider: string): Explanation {
  const explanations: Record<SsoProblem, Explanation> = {
    expired: {
      heading: 'Your sign-in timed out',
      paragraphs: [
        `Signing in with ${provider} took too long, or it was started in another browser or tab.`,
        'Go back to the sign-in page and try again.',
      ],
    },
    failed: {
      heading: 'We could not sign you in',
      paragraphs: [
        `${provider} did not confirm who you are, or its answer could not be checked.`,
        'Go back to the sign-in page and try again. If it keeps happening, contact your programme lead.',
      ],
    },
    'link-required': {
      heading: 'You already have an Upstand account',
      paragraphs: [
        `There is an Upstand account with the email address your ${provider} account uses, but the two are not linked yet.`,
        `Sign in once with your email address and Upstand password, then choose "Link your ${provider} account" on the "Sign-in and security" page. After that you can sign in with ${provider}.`,
        'If you have forgotten your password, use "Forgotten your password?" on the sign-in page.',
      ],
    },
    'already-linked': {
      heading: 'That account is linked to someone else',
      paragraphs: [
        `The ${provider} account you signed in with is already linked to a different Upstand account, so it was not linked to yours.`,
      ],
    },
    'no-email': {
      heading: 'We could not sign you in',
      paragraphs: [
        `${provider} did not tell us your email address, so we cannot find or create your account.`,
      ],
    },
    disabled: {
      heading: 'Your account has been deactivated',
      paragraphs: ['Contact your programme lead if you think this is a mistake.'],
    },
    'not-configured': {
      heading: 'Single sign-on is not available',
      paragraphs: ['Sign in with your email address and password instead.'],
    },
  };
  return explanations[reason as SsoProblem] ?? explanations.failed;
}

@Component({
  selector: 'app-sign-in-problem-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <div class="nhsuk-grid-row">
      <div class="nhsuk-grid-column-two-thirds">
        <h1>{{ explanation().heading }}</h1>
        @for (paragraph of explanation().paragraphs; track $index) {
          <p>{{ paragraph }}</p>
        }
        <p><a routerLink="/login">Go to the sign-in page</a></p>
      </div>
    </div>
  `,
})
export class SignInProblemPage {
  private readonly features = inject(FeaturesService);
  /** From the query string. */
  readonly reason = input<string>();
  protected readonly explanation = computed(() =>
    explainSsoProblem(this.reason(), this.features.sso()?.displayName ?? 'single sign-on'),
  );
}
