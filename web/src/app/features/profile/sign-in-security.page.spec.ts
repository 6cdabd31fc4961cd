import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { FeaturesService } from '../../core/features.service';
import { SignInSecurityPage } from './sign-in-security.page';

async function render(sso: { displayName: string } | null = null) {
  TestBed.configureTestingModule({
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
  });
  TestBed.inject(FeaturesService).set({ sso });
  const fixture = TestBed.createComponent(SignInSecurityPage);
  const http = TestBed.inject(HttpTestingController);
  fixture.detectChanges();
  const element = fixture.nativeElement as HTMLElement;
  const button = (text: string) =>
    Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.trim() === text);
  const type = (id: string, value: string) => {
    const input = element.querySelector<HTMLInputElement>(`#${id}`);
    if (!input) throw new Error(`No input #${id}`);
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };
  return { fixture, http, element, button, type };
}

describe('SignInSecurityPage', () => {
  it('sets up two-step verification with a QR code and a code, then shows the recovery codes once', async () => {
    const { fixture, http, element, button, type } = await render();
    http.expectOne('/api/me/second-factor').flush({ enabled: false, recoveryCodesLeft: 0, required: true });
    await fixture.whenStable();
    expect(element.textContent).toContain('Set this up to continue');

    button('Set up two-step verification')?.click();
    http.expectOne({ method: 'POST', url: '/api/me/second-factor' }).flush({
      secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
      otpauthUri: 'otpauth://totp/Upstand:x?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Upstand',
      qrSvg: '<svg xmlns="http://www.w3.org/2000/svg"></svg>',
    });
    await fixture.whenStable();
    expect(element.querySelector('img')?.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(element.querySelector('[data-testid="totp-secret"]')?.textContent).toBe(
      'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
    );
    const code = element.querySelector<HTMLInputElement>('#code');
    expect(code?.getAttribute('autocomplete')).toBe('one-time-code');
    expect(code?.getAttribute('inputmode')).toBe('numeric');

    type('code', '123456');
    button('Turn on two-step verification')?.click();
    const confirm = http.expectOne('/api/me/second-factor/confirm');
    expect(confirm.request.body).toEqual({ code: '123456' });
    confirm.flush({ recoveryCodes: ['abcde-fghjk', 'mnpqr-stuvw'] });
    http.expectOne('/api/me/second-factor').flush({ enabled: true, recoveryCodesLeft: 2, required: false });
    await fixture.whenStable();
    const codes = element.querySelector('[data-testid="recovery-codes"]');
    expect(codes?.textContent).toContain('abcde-fghjk');
    expect(codes?.textContent).toContain('This is the only time they are shown');
    expect(button('Copy codes')).toBeTruthy();
    expect(button('Print codes')).toBeTruthy();
    expect(element.querySelector('[data-testid="second-factor-on"]')?.textContent).toContain(
      '2 unused recovery codes',
    );
  });

  it('turns it off with a code, showing the API refusal on the field', async () => {
    const { fixture, http, element, button, type } = await render();
    http.expectOne('/api/me/second-factor').flush({ enabled: true, recoveryCodesLeft: 9, required: false });
    await fixture.whenStable();
    type('offCode', '000000');
    button('Turn off')?.click();
    const request = http.expectOne({ method: 'DELETE', url: '/api/me/second-factor' });
    expect(request.request.body).toEqual({ code: '000000' });
    request.flush(
      { statusCode: 400, message: 'Wrong code', errors: [{ field: 'code', message: 'Wrong code' }] },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(element.querySelector('.nhsuk-error-summary a')?.getAttribute('href')).toBe('#offCode');
  });

  it('offers to link the single sign-on account, and lists it once linked', async () => {
    const { fixture, http, element, button } = await render({ displayName: 'NHSmail' });
    http.expectOne('/api/me/second-factor').flush({ enabled: false, recoveryCodesLeft: 0, required: false });
    http.expectOne('/api/me/identities').flush([]);
    await fixture.whenStable();
    expect(button('Link your NHSmail account')).toBeTruthy();

    TestBed.resetTestingModule();
    const linked = await render({ displayName: 'NHSmail' });
    linked.http
      .expectOne('/api/me/second-factor')
      .flush({ enabled: false, recoveryCodesLeft: 0, required: false });
    linked.http.expectOne('/api/me/identities').flush([
      {
        id: 'i1',
        provider: 'NHSmail',
        issuer: 'https://x',
        createdAt: '2026-12-01T10:00:00Z',
        lastUsedAt: null,
      },
    ]);
    await linked.fixture.whenStable();
    expect(linked.element.querySelector('[data-testid="linked-identities"]')?.textContent).toContain(
      'Linked to your NHSmail account',
    );
    void element;
  });
});
