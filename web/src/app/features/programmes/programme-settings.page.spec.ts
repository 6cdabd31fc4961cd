import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { Programme } from '@upstand/contracts';
import { apiError, PROGRAMME, signInAs, user } from '../../../testing/fixtures';
import { SETTINGS_MESSAGES } from './programme.model';
import { ProgrammeSettingsPage } from './programme-settings.page';

const SETTINGS = {
  ...PROGRAMME,
  requiresManagerApproval: false,
  offerHoldHours: 48,
  anonymousEvaluation: false,
} as Programme;

async function render(programme: Programme) {
  TestBed.configureTestingModule({
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
  });
  await signInAs(user(['programme-lead']));
  const http = TestBed.inject(HttpTestingController);
  const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
  const fixture = TestBed.createComponent(ProgrammeSettingsPage);
  fixture.componentRef.setInput('id', PROGRAMME.id);
  await fixture.whenStable();
  http.expectOne(`/api/programmes/${PROGRAMME.id}`).flush(programme);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const click = async (selector: string) => {
    element.querySelector<HTMLElement>(selector)?.click();
    await fixture.whenStable();
  };
  const save = () => click('button[type="submit"]');
  const warning = () => element.querySelector('[data-testid="pairing-warning"]');
  return { fixture, http, navigate, element, click, save, warning };
}

describe('ProgrammeSettingsPage', () => {
  it('explains anonymous evaluation and switches it freely while there are no responses', async () => {
    const { http, element, click, save, warning, navigate, fixture } = await render({
      ...SETTINGS,
      evaluationResponseCount: 0,
    });
    const box = element.querySelector<HTMLInputElement>('#anonymousEvaluation');
    expect(box?.checked).toBe(false);
    expect(box?.closest('fieldset')?.getAttribute('aria-describedby')).toBe('anonymousEvaluation-hint');
    const hint = element.querySelector('#anonymousEvaluation-hint')?.textContent ?? '';
    expect(hint).toContain('make up a code from details only they know');
    expect(hint).toContain('paired through the code, not their name');
    expect(hint).toContain('leads can no longer see who answered');
    expect(element.querySelector<HTMLAnchorElement>('a[href$="/questionnaires"]')?.textContent).toBe(
      'Questionnaires',
    );

    await click('#anonymousEvaluation');
    expect(warning()).toBeNull();
    await save();
    const request = http.expectOne(`/api/programmes/${PROGRAMME.id}/settings`);
    expect(request.request.body).toEqual({
      requiresManagerApproval: false,
      offerHoldHours: 48,
      anonymousEvaluation: true,
    });
    request.flush({ ...SETTINGS, anonymousEvaluation: true });
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith(['/programmes']);
  });

  it('warns when the switch breaks pairing with existing responses and needs the confirmation ticked', async () => {
    const { http, element, click, save, warning } = await render({
      ...SETTINGS,
      anonymousEvaluation: true,
      evaluationResponseCount: 12,
    });
    expect(warning()).toBeNull();
    await click('#anonymousEvaluation');
    expect(warning()?.classList).toContain('nhsuk-warning-callout');
    expect(warning()?.textContent).toContain('This programme already has 12 questionnaire responses.');
    expect(warning()?.textContent).toContain('switch anonymous evaluation off now');

    await save();
    http.expectNone(`/api/programmes/${PROGRAMME.id}/settings`);
    const link = element.querySelector<HTMLAnchorElement>('.nhsuk-error-summary a');
    expect(link?.textContent).toBe(SETTINGS_MESSAGES.confirmPairingBreak);
    expect(link?.getAttribute('href')).toBe('#confirmPairingBreak');
    expect(element.querySelector('#confirmPairingBreak')?.getAttribute('aria-describedby')).toBe(
      'confirmPairingBreak-error',
    );

    // Undoing the change removes the warning; changing it again brings it back.
    await click('#anonymousEvaluation');
    expect(warning()).toBeNull();
    await click('#anonymousEvaluation');
    await click('#confirmPairingBreak');
    await save();
    const request = http.expectOne(`/api/programmes/${PROGRAMME.id}/settings`);
    expect(request.request.body).toEqual({
      requiresManagerApproval: false,
      offerHoldHours: 48,
      anonymousEvaluation: false,
      confirmPairingBreak: true,
    });
  });

  it("shows the API's refusal when responses arrived after the page loaded, then asks for the confirmation", async () => {
    const { fixture, http, element, click, save, warning } = await render({
      ...SETTINGS,
      evaluationResponseCount: 0,
    });
    await click('#anonymousEvaluation');
    await save();
    const message =
      'This programme already has 1 questionnaire response. Switching anonymous evaluation on means answers given after the change cannot be paired with it. Confirm that you want to switch anyway.';
    http
      .expectOne(`/api/programmes/${PROGRAMME.id}/settings`)
      .flush(...apiError(409, message, [{ field: 'anonymousEvaluation', message }]));
    http.expectOne(`/api/programmes/${PROGRAMME.id}`).flush({ ...SETTINGS, evaluationResponseCount: 1 });
    await fixture.whenStable();
    const link = element.querySelector<HTMLAnchorElement>('.nhsuk-error-summary a');
    expect(link?.textContent).toBe(message);
    expect(link?.getAttribute('href')).toBe('#anonymousEvaluation');
    expect(element.querySelector('#anonymousEvaluation-error')?.textContent).toContain(message);
    expect(warning()?.textContent).toContain('This programme already has 1 questionnaire response.');
  });
});
