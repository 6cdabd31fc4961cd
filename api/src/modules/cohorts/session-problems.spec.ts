import { sessionProblems, SessionFacts } from './session-problems';

const workshop: SessionFacts = {
  kind: 'workshop',
  mode: 'in-person',
  status: 'scheduled',
  facilitatorCount: 2,
  leadFacilitatorCount: 1,
  venueName: 'Education Centre',
  venueCapacity: 30,
  cohortVenue: null,
  cohortCapacity: 24,
  joinUrl: null,
  endsAt: new Date('2027-03-25T16:30:00Z'),
};
/** As seen on the morning of the workshop, before it starts */
const problems = (facts: SessionFacts) => sessionProblems(facts, new Date('2027-03-25T09:00:00Z'));

describe('sessionProblems', () => {
  it('finds nothing wrong with a fully staffed workshop in a big enough room', () => {
    expect(problems(workshop)).toEqual([]);
  });

  it('flags under-staffing and a missing lead facilitator', () => {
    expect(problems({ ...workshop, facilitatorCount: 1, leadFacilitatorCount: 0 })).toEqual([
      'Needs 2 facilitators, has 1',
      'Needs a lead facilitator',
    ]);
  });

  it('flags a room too small for the cohort and an in-person session without a venue', () => {
    expect(problems({ ...workshop, venueCapacity: 20 })).toEqual(['Venue holds 20, cohort has 24 places']);
    expect(problems({ ...workshop, venueName: null, venueCapacity: null })).toEqual(['No venue']);
    expect(problems({ ...workshop, venueName: null, venueCapacity: null, cohortVenue: 'Room 4' })).toEqual(
      [],
    );
  });

  it('flags a virtual session without a join link', () => {
    expect(
      problems({
        ...workshop,
        kind: 'action-learning-set',
        mode: 'virtual',
        facilitatorCount: 1,
        leadFacilitatorCount: 0,
      }),
    ).toEqual(['No join link']);
  });

  it('says nothing about cancelled sessions', () => {
    expect(problems({ ...workshop, status: 'cancelled', facilitatorCount: 0 })).toEqual([]);
  });

  it('flags a session under way, but nothing about one that is over: it can no longer be staffed', () => {
    const unstaffed = { ...workshop, facilitatorCount: 0, leadFacilitatorCount: 0, venueName: null };
    expect(sessionProblems(unstaffed, new Date('2027-03-25T16:29:00Z'))).toEqual([
      'Needs 2 facilitators, has 0',
      'Needs a lead facilitator',
      'No venue',
    ]);
    expect(sessionProblems(unstaffed, new Date('2027-03-25T16:30:00Z'))).toEqual([]);
  });
});
