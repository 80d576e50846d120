import { investigatesOnArrival } from '../../src/domain/auto-investigate';

describe('which alerts are investigated on arrival', () => {
  it('those at or above the threshold', () => {
    expect(investigatesOnArrival('High', 'Medium')).toBe(true);
    expect(investigatesOnArrival('Medium', 'Medium')).toBe(true);
    expect(investigatesOnArrival('Low', 'Medium')).toBe(false);
    expect(investigatesOnArrival('Informational', 'Low')).toBe(false);
    expect(investigatesOnArrival('Informational', 'Informational')).toBe(true);
  });

  it('none when off or unset', () => {
    expect(investigatesOnArrival('High', 'off')).toBe(false);
    expect(investigatesOnArrival('High', undefined)).toBe(false);
  });
});
