import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { FeaturesService } from '../../core/features.service';

/** The privacy notice: who controls the data, why it is held, who sees it, for how long, and people's rights. */
@Component({
  selector: 'app-privacy-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <div class="nhsuk-grid-row">
      <div class="nhsuk-grid-column-two-thirds">
        <h1>Privacy notice</h1>
        <p class="nhsuk-lede-text">
          This notice explains what Upstand keeps about you, why, who can see it and what you can ask us to do
          with it.
        </p>

        <h2>Who is responsible for your data</h2>
        <p>
          Upstand runs the NHS Active Bystander Programme. The data controller is
          <strong data-testid="controller">{{ owner() }}</strong>. You can contact them about your data at
          <a [href]="'mailto:' + contact()" data-testid="contact">{{ contact() }}</a>.
        </p>

        <h2>Why we hold your data</h2>
        <p>
          We keep records of your training so that the programme can be run, and so that the NHS can see
          whether it works. The law that allows this is UK GDPR Article 6(1)(e): a task carried out in the
          public interest, training NHS staff.
        </p>
        <p>
          If you answer the equality monitoring questions, we use that information only to check that the
          programme reaches and works for everyone (UK GDPR Article 9(2)(g) and (h), with the Data Protection
          Act 2018). These questions are optional. You can leave any of them blank, and you can remove your
          answers at any time from <a routerLink="/profile/equality">your equality monitoring answers</a>.
        </p>

        <h2>What we keep</h2>
        <ul>
          <li>your account: your name, email address, organisation and role on Upstand</li>
          <li>
            your delegate profile: job title, staff group, pay band and your line manager's name and email
          </li>
          <li>the cohorts you join and the sessions you attend</li>
          <li>your answers to the programme's questionnaires and session feedback</li>
          <li>your equality monitoring answers, if you give them</li>
          <li>the emails we send you, such as booking confirmations and reminders</li>
          <li>a log of changes made to your record (which fields changed and when, not their values)</li>
        </ul>

        <h2>Who can see it</h2>
        <ul>
          <li>programme leads, who run the programme, can see your records</li>
          <li>facilitators can see who is booked on and attends the sessions they run</li>
          <li>your line manager sees only what they need to approve your place and follow your progress</li>
          <li>
            sponsors and the programme's steering group see only totals; small numbers are withheld so that no
            one can be picked out
          </li>
        </ul>
        <p>We do not sell your data or share it for marketing.</p>

        <h2>How long we keep it</h2>
        <p>
          We keep your records while the programme runs and for a period afterwards, set by
          {{ owner() }}. After that your records are anonymised: your name and anything that identifies you
          are removed, and only anonymous figures remain.
        </p>

        <h2>Your rights</h2>
        <ul>
          <li>
            <strong>See your data.</strong> You can
            <a routerLink="/profile/my-data">download everything we hold about you</a>.
          </li>
          <li>
            <strong>Correct your data.</strong> You can change your details on
            <a routerLink="/profile">your delegate profile</a>.
          </li>
          <li>
            <strong>Have your data deleted.</strong> Ask on
            <a routerLink="/profile/my-data" fragment="erasure">your data page</a>, or contact the data
            controller. Which sessions you attended and your scored answers stay, without your name, as part
            of the programme's totals.
          </li>
          <li><strong>Object</strong> to how we use your data, by contacting the data controller.</li>
        </ul>

        <h2>How to contact us or complain</h2>
        <p>
          Email <a [href]="'mailto:' + contact()">{{ contact() }}</a> with any question or request about your
          data.
        </p>
        <p>
          If you are unhappy with how we have used your data, you can complain to the
          <a href="https://ico.org.uk/make-a-complaint/">Information Commissioner's Office (ICO)</a>.
        </p>
      </div>
    </div>
  `,
})
export class PrivacyPage {
  private readonly features = inject(FeaturesService);
  protected readonly owner = this.features.serviceOwnerName;
  protected readonly contact = this.features.serviceOwnerContact;
}
